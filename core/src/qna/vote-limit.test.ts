import { VoteLimiter } from './vote-limit';

class Clock {
  constructor(public at = Date.parse('2027-03-01T10:00:00Z')) {}
  now = () => new Date(this.at);
}

describe('the flood guard for votes (VoteLimiter)', () => {
  it('allows the limit within the window, refuses the next, and allows again as the window slides', () => {
    const clock = new Clock();
    const limiter = new VoteLimiter(clock, 3, 60_000);
    expect([1, 2, 3].map(() => limiter.tryTake('t', 's', 'k'))).toEqual([true, true, true]);
    expect(limiter.tryTake('t', 's', 'k')).toBe(false);
    clock.at += 59_999;
    expect(limiter.tryTake('t', 's', 'k')).toBe(false);
    clock.at += 1;
    expect(limiter.tryTake('t', 's', 'k')).toBe(true);
  });

  it('counts each person and session on their own', () => {
    const limiter = new VoteLimiter(new Clock(), 1, 60_000);
    expect(limiter.tryTake('t', 's', 'a')).toBe(true);
    expect(limiter.tryTake('t', 's', 'b')).toBe(true);
    expect(limiter.tryTake('t', 's2', 'a')).toBe(true);
    expect(limiter.tryTake('t2', 's', 'a')).toBe(true);
    expect(limiter.tryTake('t', 's', 'a')).toBe(false);
  });
});
