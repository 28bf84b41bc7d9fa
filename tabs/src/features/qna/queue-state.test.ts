import type { QnaLiveEvent } from '@peerloop/core';
import { aQuestion, aQueue } from '../../test-support/fake-api';
import { applyEvent, applyOwn, arrange, fromView, withHandOrder } from './queue-state';

const event = (fields: Partial<QnaLiveEvent>): QnaLiveEvent => ({
  sessionId: 's-1',
  questions: [],
  removed: [],
  ...fields,
});
const texts = (list: readonly { text: string }[]) => list.map((q) => q.text);

describe('merging live events into the queue', () => {
  it('keeps the highest revision of each question and ignores older copies', () => {
    let state = fromView(aQueue({ questions: [aQuestion({ id: 'q-1', votes: 3, revision: 4 })] }));

    state = applyEvent(state, event({ questions: [aQuestion({ id: 'q-1', votes: 2, revision: 3 })] })).state;
    expect(state.byId.get('q-1')?.votes).toBe(3);

    state = applyEvent(state, event({ questions: [aQuestion({ id: 'q-1', votes: 5, revision: 6 })] })).state;
    expect(state.byId.get('q-1')?.votes).toBe(5);
  });

  it("keeps the reader's own flags, which events carry as false", () => {
    const mine = aQuestion({ id: 'q-1', votes: 1, votedByMe: true, mine: true, canEdit: true, revision: 2 });
    const state = applyEvent(
      fromView(aQueue({ questions: [mine] })),
      event({ questions: [aQuestion({ id: 'q-1', votes: 4, revision: 5 })] }),
    ).state;
    expect(state.byId.get('q-1')).toMatchObject({ votes: 4, votedByMe: true, mine: true, canEdit: true });

    const answered = applyEvent(
      state,
      event({ questions: [aQuestion({ id: 'q-1', votes: 4, state: 'answered', revision: 6 })] }),
    ).state;
    expect(answered.byId.get('q-1')).toMatchObject({ mine: true, canEdit: false });
  });

  it('drops removed questions, but reads again instead of dropping one of the reader’s own', () => {
    const state = fromView(
      aQueue({ questions: [aQuestion({ id: 'q-1' }), aQuestion({ id: 'q-2', mine: true, state: 'pending' })] }),
    );
    const outcome = applyEvent(state, event({ removed: ['q-1', 'q-2', 'q-unknown'] }));
    expect([...outcome.state.byId.keys()]).toEqual(['q-2']);
    expect(outcome.refetch).toBe(true);
    expect(applyEvent(state, event({ removed: ['q-1'] })).refetch).toBe(false);
  });

  it('reports questions it shows for the first time, and nothing for another session', () => {
    const state = fromView(aQueue({ questions: [aQuestion({ id: 'q-1' })] }));
    const outcome = applyEvent(
      state,
      event({ questions: [aQuestion({ id: 'q-1', revision: 2 }), aQuestion({ id: 'q-2', text: 'New one' })] }),
    );
    expect(texts(outcome.added)).toEqual(['New one']);

    const elsewhere = applyEvent(state, { ...event({ questions: [aQuestion({ id: 'q-9' })] }), sessionId: 's-2' });
    expect(elsewhere.state).toBe(state);
  });

  it('takes the queue settings of an event unless they are older than the last ones', () => {
    let state = fromView(aQueue());
    state = applyEvent(state, event({ queue: { moderated: true, nowAnswering: 'q-1', revision: 3 } })).state;
    expect(state.meta).toMatchObject({ moderated: true, nowAnswering: 'q-1' });
    state = applyEvent(state, event({ queue: { moderated: false, nowAnswering: null, revision: 2 } })).state;
    expect(state.meta).toMatchObject({ moderated: true, nowAnswering: 'q-1' });
  });

  it('keeps the same state object when an event changes nothing, so nothing re-renders', () => {
    const state = fromView(aQueue({ questions: [aQuestion({ id: 'q-1', revision: 3 })] }));
    expect(applyEvent(state, event({ questions: [aQuestion({ id: 'q-1', revision: 2 })] })).state).toBe(state);
  });

  it("merges the answer to the reader's own action with its flags, keeping newer content", () => {
    let state = fromView(aQueue({ questions: [aQuestion({ id: 'q-1', votes: 7, revision: 9 })] }));
    state = applyOwn(state, aQuestion({ id: 'q-1', votes: 5, votedByMe: true, revision: 8 }));
    expect(state.byId.get('q-1')).toMatchObject({ votes: 7, votedByMe: true, revision: 9 });
  });
});

describe('queue order', () => {
  it('puts the one being answered first, then the hand order, then most votes, then oldest', () => {
    const state = fromView(
      aQueue({
        nowAnswering: 'pinned',
        questions: [
          aQuestion({ id: 'old', text: 'old, 2 votes', votes: 2, createdAt: '2031-03-04T12:31:00.000Z' }),
          aQuestion({ id: 'new', text: 'new, 2 votes', votes: 2, createdAt: '2031-03-04T12:40:00.000Z' }),
          aQuestion({ id: 'top', text: 'most votes', votes: 9 }),
          aQuestion({ id: 'placed-2', text: 'placed 2nd', votes: 0, position: 2 }),
          aQuestion({ id: 'placed-1', text: 'placed 1st', votes: 0, position: 1 }),
          aQuestion({ id: 'pinned', text: 'pinned', votes: 0 }),
        ],
        archive: [
          aQuestion({ id: 'a-1', text: 'answered first', state: 'answered', updatedAt: '2031-03-04T12:50:00.000Z' }),
          aQuestion({ id: 'a-2', text: 'answered last', state: 'answered', updatedAt: '2031-03-04T13:10:00.000Z' }),
        ],
      }),
    );
    const { live, archive } = arrange(state);
    expect(texts(live)).toEqual(['pinned', 'placed 1st', 'placed 2nd', 'most votes', 'old, 2 votes', 'new, 2 votes']);
    expect(texts(archive)).toEqual(['answered last', 'answered first']);
  });

  it('moves a question to the archive once answered, and re-sorts when votes change', () => {
    let state = fromView(aQueue({ questions: [aQuestion({ id: 'a', text: 'a' }), aQuestion({ id: 'b', text: 'b' })] }));
    state = applyEvent(state, event({ questions: [aQuestion({ id: 'b', text: 'b', votes: 1, revision: 2 })] })).state;
    expect(texts(arrange(state).live)).toEqual(['b', 'a']);
    state = applyEvent(
      state,
      event({ questions: [aQuestion({ id: 'b', text: 'b', state: 'answered', revision: 3 })] }),
    ).state;
    expect(texts(arrange(state).live)).toEqual(['a']);
    expect(texts(arrange(state).archive)).toEqual(['b']);
  });

  it('sets a hand order and clears the places of questions left out, as the API does', () => {
    const state = fromView(
      aQueue({ questions: [aQuestion({ id: 'a', position: 1 }), aQuestion({ id: 'b' }), aQuestion({ id: 'c' })] }),
    );
    const ordered = withHandOrder(state, ['c', 'b']);
    expect([...ordered.byId.values()].map((q) => [q.id, q.position])).toEqual([
      ['a', null],
      ['b', 2],
      ['c', 1],
    ]);
  });
});
