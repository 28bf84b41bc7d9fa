import { QnaAccessCache } from './access-cache';
import type { QnaAccess } from './use-cases';

class Clock {
  constructor(public at = Date.parse('2027-03-01T10:00:00Z')) {}
  now = () => new Date(this.at);
}

const grant = (userId: string) => ({ role: 'participant', readerKey: `key-${userId}` }) as unknown as QnaAccess;

describe('remembering granted Q&A access for a few seconds (QnaAccessCache)', () => {
  it('returns a grant until its time is up, then reads afresh', () => {
    const clock = new Clock();
    const cache = new QnaAccessCache(clock, 5_000);
    cache.set('t', 's', 'u', grant('u'));
    clock.at += 4_999;
    expect(cache.get('t', 's', 'u')).toEqual(grant('u'));
    clock.at += 1;
    expect(cache.get('t', 's', 'u')).toBeUndefined();
  });

  it('keeps tenants, sessions and people apart', () => {
    const cache = new QnaAccessCache(new Clock());
    cache.set('t', 's', 'u', grant('u'));
    expect(cache.get('t2', 's', 'u')).toBeUndefined();
    expect(cache.get('t', 's2', 'u')).toBeUndefined();
    expect(cache.get('t', 's', 'v')).toBeUndefined();
  });

  it('drops the oldest grant when full, and forgets a whole session on demand', () => {
    const cache = new QnaAccessCache(new Clock(), 5_000, 2);
    cache.set('t', 's', 'a', grant('a'));
    cache.set('t', 's', 'b', grant('b'));
    cache.set('t', 's2', 'c', grant('c'));
    expect(cache.get('t', 's', 'a')).toBeUndefined();
    expect(cache.get('t', 's', 'b')).toEqual(grant('b'));
    cache.forgetSession('t', 's2');
    expect(cache.get('t', 's2', 'c')).toBeUndefined();
    expect(cache.get('t', 's', 'b')).toEqual(grant('b'));
  });
});
