import type { QnaLiveEvent, QnaRole } from './contracts';
import { liveEventFor, QnaBroadcaster, type LivePublisher } from './live';
import type { QnaChange, QnaQueue, Question, QuestionRepository, QuestionState } from './question';

const TENANT = 'tenant-1';
const ASKER_KEY = 'a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5';
const VOTER_KEY = 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0';

function aQuestion(id: string, fields: Partial<Question> = {}): Question {
  return {
    tenantId: TENANT,
    sessionId: 'session-1',
    id,
    cohortId: 'cohort-1',
    programId: 'program-1',
    text: `Question ${id}`,
    anonymous: true,
    authorKey: ASKER_KEY,
    state: 'open',
    votes: 1,
    voters: { [VOTER_KEY]: '2026-12-01T12:01:00.000Z' },
    source: 'panel',
    createdAt: '2026-12-01T12:00:00.000Z',
    updatedAt: '2026-12-01T12:01:00.000Z',
    revision: 2,
    ...fields,
  };
}

const queue: QnaQueue = {
  tenantId: TENANT,
  sessionId: 'session-1',
  moderated: true,
  nowAnswering: 'open',
  updatedAt: '2026-12-01T12:00:00.000Z',
  revision: 7,
};

const ids = (event: QnaLiveEvent) => event.questions.map((q) => q.id);

describe('what each audience learns of a change (liveEventFor)', () => {
  const states: QuestionState[] = ['pending', 'open', 'answered', 'dismissed', 'withdrawn', 'carried-over'];
  const changed = states.map((state) => aQuestion(state, { state }));

  it('gives participants the questions they may see, and tells them to drop pending, dismissed and withdrawn ones', () => {
    const event = liveEventFor('participant', 'session-1', changed, queue, false);
    expect(ids(event)).toEqual(['open', 'answered', 'carried-over']);
    expect(event.removed).toEqual(['pending', 'dismissed', 'withdrawn']);
  });

  it('gives hosts pending and dismissed questions too, and tells them to drop only withdrawn ones', () => {
    const event = liveEventFor('host', 'session-1', changed, queue, false);
    expect(ids(event)).toEqual(['pending', 'open', 'answered', 'dismissed', 'carried-over']);
    expect(event.removed).toEqual(['withdrawn']);
  });

  it.each(['host', 'participant'] as QnaRole[])(
    'sends %s the public view: no author, author key or voter, and no reader flags',
    (audience) => {
      const event = liveEventFor(audience, 'session-1', changed, queue, true);
      const json = JSON.stringify(event);
      expect(json).not.toContain(ASKER_KEY);
      expect(json).not.toContain(VOTER_KEY);
      for (const view of event.questions) {
        expect(view).toMatchObject({ askedBy: null, votedByMe: false, mine: false, canEdit: false });
      }
    },
  );

  it('marks the question being answered as pinned', () => {
    const event = liveEventFor('participant', 'session-1', changed, queue, false);
    expect(event.questions.filter((q) => q.pinned).map((q) => q.id)).toEqual(['open']);
  });

  it('carries the queue settings only when the queue changed', () => {
    const withQueue = liveEventFor('participant', 'session-1', [], queue, true);
    expect(withQueue.queue).toEqual({ moderated: true, nowAnswering: 'open', revision: 7 });
    expect(liveEventFor('participant', 'session-1', changed, queue, false)).not.toHaveProperty('queue');
  });

  it('describes a queue nobody has set up yet as unmoderated with nothing pinned', () => {
    expect(liveEventFor('host', 'session-1', [], null, true).queue).toEqual({
      moderated: false,
      nowAnswering: null,
      revision: 0,
    });
  });
});

/** A store holding the questions put in it, and an open question for any other id asked of it. */
class FakeQuestionReads implements Pick<QuestionRepository, 'getMany' | 'getQueue'> {
  readonly reads: { sessionId: string; ids: string[] }[] = [];
  readonly queueReads: string[] = [];
  readonly stored = new Map<string, Question>();
  storedQueue: QnaQueue = queue;
  failing = false;
  async getMany(_tenantId: string, sessionId: string, ids: readonly string[]) {
    if (this.failing) throw new Error('store unavailable');
    this.reads.push({ sessionId, ids: [...ids] });
    return ids.map((id) => this.stored.get(id) ?? aQuestion(id, { sessionId }));
  }
  async getQueue(_tenantId: string, sessionId: string) {
    this.queueReads.push(sessionId);
    return { ...this.storedQueue, sessionId };
  }
}

interface Publication {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly audience: QnaRole;
  readonly event: QnaLiveEvent;
  readonly finish: () => void;
  readonly fail: (error: Error) => void;
  finished: boolean;
}

/** A publisher whose every publish stays in flight until the test finishes (or fails) it. */
class HeldPublisher implements LivePublisher {
  readonly publications: Publication[] = [];
  publish(tenantId: string, sessionId: string, audience: QnaRole, event: QnaLiveEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const publication: Publication = {
        tenantId,
        sessionId,
        audience,
        event,
        finished: false,
        finish: () => {
          publication.finished = true;
          resolve();
        },
        fail: (error) => {
          publication.finished = true;
          reject(error);
        },
      };
      this.publications.push(publication);
    });
  }
  /** The one publish to `audience` still in flight. */
  inFlightTo(audience: QnaRole) {
    const [publication, ...more] = this.inFlight().filter((p) => p.audience === audience);
    if (!publication || more.length > 0) throw new Error(`expected one publish in flight to ${audience}`);
    return publication;
  }
  inFlight(sessionId?: string) {
    return this.publications.filter((p) => !p.finished && (sessionId === undefined || p.sessionId === sessionId));
  }
  to(audience: QnaRole, sessionId = 'session-1') {
    return this.publications.filter((p) => p.audience === audience && p.sessionId === sessionId);
  }
  finishAll(sessionId?: string) {
    for (const publication of this.inFlight(sessionId)) publication.finish();
  }
}

/** Lets every pending promise callback and I/O-free continuation run. */
async function settle() {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Tracks which of the callers' promises have resolved. */
function track(promises: Promise<void>[]) {
  const resolved = new Set<number>();
  promises.forEach((promise, index) => void promise.then(() => resolved.add(index)));
  return resolved;
}

function aChange(sessionId: string, questionIds: string[], queueChanged?: boolean): QnaChange {
  return { tenantId: TENANT, sessionId, questionIds, ...(queueChanged === undefined ? {} : { queueChanged }) };
}

function setup() {
  const reads = new FakeQuestionReads();
  const publisher = new HeldPublisher();
  const reports: { message: string; error: unknown }[] = [];
  const broadcaster = new QnaBroadcaster(reads, publisher, (message, error) => reports.push({ message, error }));
  return { reads, publisher, reports, broadcaster };
}

describe('coalescing live updates (QnaBroadcaster)', () => {
  it('sends a burst that arrives during a publish as one more event per audience, with every change in it', async () => {
    const { publisher, broadcaster } = setup();
    const first = broadcaster.changed(aChange('session-1', ['q0']));
    await settle();
    expect(publisher.inFlight()).toHaveLength(2);
    expect(new Set(publisher.inFlight().map((p) => p.audience))).toEqual(new Set(['host', 'participant']));

    const burstIds = Array.from({ length: 50 }, (_, i) => `q${i + 1}`);
    const burst = burstIds.map((id, i) => broadcaster.changed(aChange('session-1', [id], i === 25 ? true : undefined)));
    await settle();
    publisher.finishAll();
    await first;
    await settle();
    publisher.finishAll();
    await Promise.all(burst);

    for (const audience of ['host', 'participant'] as const) {
      const events = publisher.to(audience).map((p) => p.event);
      expect(events.length).toBeLessThanOrEqual(2);
      expect(ids(events[0]!)).toEqual(['q0']);
      expect(events[0]).not.toHaveProperty('queue');
      const last = events[events.length - 1]!;
      expect(new Set(ids(last))).toEqual(new Set(burstIds));
      expect(last.queue).toEqual({ moderated: true, nowAnswering: 'open', revision: 7 });
    }
  });

  it("settles each caller's promise only after the publish that carries its change", async () => {
    const { publisher, broadcaster } = setup();
    const first = track([broadcaster.changed(aChange('session-1', ['q0']))]);
    await settle();
    const burst = track(Array.from({ length: 50 }, (_, i) => broadcaster.changed(aChange('session-1', [`q${i + 1}`]))));
    await settle();
    expect(first.size).toBe(0);

    publisher.inFlightTo('host').finish();
    await settle();
    expect(first.size).toBe(0); // the participants' event is still on its way

    publisher.inFlightTo('participant').finish();
    await settle();
    expect(first.size).toBe(1);
    expect(burst.size).toBe(0);
    expect(publisher.inFlight()).toHaveLength(2); // the burst's event

    publisher.finishAll();
    await settle();
    expect(burst.size).toBe(50);
  });

  it('does not hold one session back behind another', async () => {
    const { publisher, broadcaster } = setup();
    const slow = track([broadcaster.changed(aChange('session-1', ['q1']))]);
    await settle();
    const other = track([broadcaster.changed(aChange('session-2', ['q2']))]);
    await settle();
    expect(publisher.inFlight('session-2')).toHaveLength(2);

    publisher.finishAll('session-2');
    await settle();
    expect(other.size).toBe(1);
    expect(slow.size).toBe(0);
    expect(publisher.inFlight('session-1')).toHaveLength(2);
  });

  it('does not mix up two tenants that use the same session id', async () => {
    const { publisher, broadcaster } = setup();
    void broadcaster.changed({ tenantId: 'tenant-a', sessionId: 'session-1', questionIds: ['qa'] });
    void broadcaster.changed({ tenantId: 'tenant-b', sessionId: 'session-1', questionIds: ['qb'] });
    await settle();
    expect(
      publisher
        .inFlight()
        .map((p) => `${p.tenantId}:${p.audience}:${ids(p.event).join()}`)
        .sort(),
    ).toEqual(['tenant-a:host:qa', 'tenant-a:participant:qa', 'tenant-b:host:qb', 'tenant-b:participant:qb']);
  });

  it('reports a failing publisher instead of throwing at the caller, and keeps publishing afterwards', async () => {
    const { publisher, reports, broadcaster } = setup();
    const failed = broadcaster.changed(aChange('session-1', ['q1']));
    await settle();
    const failure = new Error('pubsub down');
    for (const publication of publisher.inFlight()) publication.fail(failure);
    await expect(failed).resolves.toBeUndefined();
    expect(reports).toEqual([{ message: expect.stringMatching(/live update/), error: failure }]);

    const next = broadcaster.changed(aChange('session-1', ['q2']));
    await settle();
    expect(publisher.inFlight().map((p) => ids(p.event))).toEqual([['q2'], ['q2']]);
    publisher.finishAll();
    await expect(next).resolves.toBeUndefined();
  });

  it('reports a store that cannot be read, and still settles the callers', async () => {
    const { reads, publisher, reports, broadcaster } = setup();
    reads.failing = true;
    await expect(broadcaster.changed(aChange('session-1', ['q1']))).resolves.toBeUndefined();
    expect(reports).toHaveLength(1);
    expect(publisher.publications).toHaveLength(0);
  });

  // A serverless instance may freeze once the caller's promise settles: the other audience must be sent first.
  it("waits for the other audience's event when one audience's publish fails", async () => {
    const { publisher, reports, broadcaster } = setup();
    const caller = track([broadcaster.changed(aChange('session-1', ['q1']))]);
    await settle();
    publisher.inFlightTo('host').fail(new Error('host hub down'));
    await settle();
    expect(caller.size).toBe(0); // the participants' event is still on its way

    publisher.finishAll();
    await settle();
    expect(caller.size).toBe(1);
    expect(reports).toHaveLength(1);
  });

  it('publishes nothing for a change that names no question and leaves the queue alone', async () => {
    const { reads, publisher, broadcaster } = setup();
    await expect(broadcaster.changed(aChange('session-1', [], false))).resolves.toBeUndefined();
    expect(publisher.publications).toHaveLength(0);
    expect(reads.reads).toHaveLength(0);
  });

  it('publishes a queue-only change without reading any question', async () => {
    const { reads, publisher, broadcaster } = setup();
    const done = broadcaster.changed(aChange('session-1', [], true));
    await settle();
    expect(publisher.inFlight().map((p) => p.event)).toEqual([
      {
        sessionId: 'session-1',
        queue: { moderated: true, nowAnswering: 'open', revision: 7 },
        questions: [],
        removed: [],
      },
      {
        sessionId: 'session-1',
        queue: { moderated: true, nowAnswering: 'open', revision: 7 },
        questions: [],
        removed: [],
      },
    ]);
    expect(reads.reads).toHaveLength(0);
    publisher.finishAll();
    await done;
  });

  it('publishes the copies the writers handed over without reading them again, the newest of each', async () => {
    const { reads, publisher, broadcaster } = setup();
    const first = broadcaster.changed(aChange('session-1', ['q0']));
    await settle();
    const older = aQuestion('q1', { votes: 1, revision: 2 });
    const newer = aQuestion('q1', { votes: 2, revision: 3 });
    const handed = [
      broadcaster.changed({ ...aChange('session-1', ['q1']), questions: [newer], queue }),
      broadcaster.changed({ ...aChange('session-1', ['q1']), questions: [older], queue }),
    ];
    publisher.finishAll();
    await first;
    await settle();
    const [event] = publisher.inFlight().map((p) => p.event);
    expect(event!.questions.map((q) => [q.id, q.votes])).toEqual([['q1', 2]]);
    expect(reads.reads.map((r) => r.ids)).toEqual([['q0']]);
    publisher.finishAll();
    await Promise.all(handed);
  });

  it('keeps the queue a host changed rather than an older one read alongside a later vote', async () => {
    const { publisher, broadcaster } = setup();
    const first = broadcaster.changed(aChange('session-1', ['q0']));
    await settle();
    const pinned = { ...queue, nowAnswering: 'q1', revision: 8 };
    const readBeforeThePin = { ...queue, revision: 7 };
    const later = [
      broadcaster.changed({ ...aChange('session-1', ['q1'], true), questions: [aQuestion('q1')], queue: pinned }),
      broadcaster.changed({ ...aChange('session-1', ['q2']), questions: [aQuestion('q2')], queue: readBeforeThePin }),
    ];
    publisher.finishAll();
    await first;
    await settle();
    expect(publisher.inFlight().map((p) => p.event.queue)).toEqual([
      { moderated: true, nowAnswering: 'q1', revision: 8 },
      { moderated: true, nowAnswering: 'q1', revision: 8 },
    ]);
    publisher.finishAll();
    await Promise.all(later);
  });

  // A change that hands over no copy (reorder, "next") must win over an older copy another writer handed over
  // in the same burst, or live clients keep the stale state.
  it('reads a question again when a later change in the burst names it without handing a copy over', async () => {
    const { reads, publisher, broadcaster } = setup();
    const first = broadcaster.changed(aChange('session-1', ['q0']));
    await settle();
    const voted = aQuestion('q1', { votes: 2, revision: 3 });
    reads.stored.set('q1', aQuestion('q1', { votes: 2, state: 'withdrawn', revision: 4 }));
    const burst = [
      broadcaster.changed({ ...aChange('session-1', ['q1']), questions: [voted], queue }),
      broadcaster.changed(aChange('session-1', ['q1'])), // written since, announced without a copy
    ];
    publisher.finishAll();
    await first;
    await settle();
    const participants = publisher.inFlightTo('participant').event;
    expect(participants.removed).toEqual(['q1']);
    expect(ids(participants)).toEqual([]);
    publisher.finishAll();
    await Promise.all(burst);
  });

  // A queue change announced without the queue (moderation on/off, carry-over) must not be published with an
  // older queue that a vote handed over earlier in the burst.
  it('publishes the current queue when a later change says the queue changed without handing it over', async () => {
    const { reads, publisher, broadcaster } = setup();
    const first = broadcaster.changed(aChange('session-1', ['q0']));
    await settle();
    reads.storedQueue = { ...queue, moderated: false, revision: 8 };
    const burst = [
      broadcaster.changed({ ...aChange('session-1', ['q1']), questions: [aQuestion('q1')], queue }), // a vote
      broadcaster.changed(aChange('session-1', [], true)), // moderation turned off
    ];
    publisher.finishAll();
    await first;
    await settle();
    expect(publisher.inFlight().map((p) => p.event.queue)).toEqual([
      { moderated: false, nowAnswering: 'open', revision: 8 },
      { moderated: false, nowAnswering: 'open', revision: 8 },
    ]);
    publisher.finishAll();
    await Promise.all(burst);
  });
});
