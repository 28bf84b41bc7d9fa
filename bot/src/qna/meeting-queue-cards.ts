import { CardFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import type { QnaChange, QnaChangeListener, QnaDeps, QnaQueue } from '@peerloop/core';
import { queueCard } from '../cards/queue-card.js';
import { describeFailure, retryAfterSeconds, statusOf } from './failures.js';
import { publicQueue } from './public-queue.js';

/** What the updater needs of botbuilder's CloudAdapter: to act in a conversation outside a turn. */
export interface ConversationContinuer {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

export type MeetingCardLogger = (line: string) => void;

export interface MeetingQueueCardsOptions {
  /** The bot's CloudAdapter (the one its endpoint uses: see createBotAdapter). */
  readonly adapter: ConversationContinuer;
  /** The bot's Microsoft app id ('' in local dev mode). */
  readonly appId: string;
  readonly deps: Pick<QnaDeps, 'questions' | 'sessions'>;
  /** Gets compact lines (what failed, HTTP status): never question text or anyone's identity. */
  readonly log?: MeetingCardLogger;
  /** At most one update per conversation this often (Teams allows 7 messages a second and 60 in 30 s per conversation). */
  readonly intervalMs?: number;
  /** The first change after a quiet spell waits this long for the rest of its burst. */
  readonly settleMs?: number;
  /** Tries per update: a 429 waits for its Retry-After; 412, 502, 503 and 504 back off; then it gives up. */
  readonly maxAttempts?: number;
}

export const MEETING_CARD_INTERVAL_MS = 3000;
const SETTLE_MS = 250;
const MAX_ATTEMPTS = 4;
/** The longest a Retry-After is honoured for before the update is given up (the next change tries again). */
const MAX_RETRY_AFTER_MS = 60_000;
/** Bookkeeping of idle sessions and conversations is pruned beyond this many entries. */
const PRUNE_ABOVE = 1000;

interface SessionState {
  readonly tenantId: string;
  readonly sessionId: string;
  timer: ReturnType<typeof setTimeout> | undefined;
  running: boolean;
  /** A change arrived that no update has shown yet. */
  dirty: boolean;
  /** Earliest time the next update may start. */
  notBefore: number;
}

/**
 * Keeps the queue card PeerLoop posted in a session's meeting chat (see QnaQueue.meetingCard) up to date.
 * Changes are coalesced per session and updates are spaced per conversation: the first change after a quiet
 * spell shows within `settleMs`, a burst then gets one trailing update at most every `intervalMs`, and the
 * last change is always shown. The card is the one everybody in the chat sees: open questions only, nobody's
 * votes, "Anonymous" for anonymous askers; Teams then refreshes it for each viewer.
 *
 * `changed` never waits for Teams and never throws into the person whose vote caused it; failures are
 * logged as one compact line. In a serverless host a pending update runs when the instance next wakes.
 */
export class MeetingQueueCards implements QnaChangeListener {
  private readonly sessions = new Map<string, SessionState>();
  /** When each conversation may next be updated. */
  private readonly conversations = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly settleMs: number;
  private readonly maxAttempts: number;
  private readonly log: MeetingCardLogger;
  private closed = false;

  constructor(private readonly options: MeetingQueueCardsOptions) {
    this.intervalMs = options.intervalMs ?? MEETING_CARD_INTERVAL_MS;
    this.settleMs = options.settleMs ?? SETTLE_MS;
    this.maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
    this.log = options.log ?? ((line) => console.error(`[bot] ${line}`));
  }

  changed(change: QnaChange): Promise<void> {
    try {
      if (!this.closed) this.markDirty(change.tenantId, change.sessionId);
    } catch (error) {
      this.log(`meeting queue card: could not schedule an update (${describeFailure(error)})`);
    }
    return Promise.resolve();
  }

  /** Stops every pending update (shutdown, tests). */
  close(): void {
    this.closed = true;
    for (const state of this.sessions.values()) clearTimeout(state.timer);
    this.sessions.clear();
  }

  private markDirty(tenantId: string, sessionId: string): void {
    const key = `${tenantId}\u0000${sessionId}`;
    let state = this.sessions.get(key);
    if (!state) {
      if (this.sessions.size > PRUNE_ABOVE) this.prune();
      state = { tenantId, sessionId, timer: undefined, running: false, dirty: false, notBefore: 0 };
      this.sessions.set(key, state);
    }
    state.dirty = true;
    this.arm(key, state);
  }

  private arm(key: string, state: SessionState): void {
    if (state.timer || state.running || !state.dirty || this.closed) return;
    const wait = Math.max(this.settleMs, state.notBefore - Date.now());
    state.timer = setTimeout(() => void this.flush(key, state), wait);
    state.timer.unref?.();
  }

  private async flush(key: string, state: SessionState): Promise<void> {
    state.timer = undefined;
    state.running = true;
    state.dirty = false;
    try {
      await this.update(state);
    } catch (error) {
      this.log(`meeting queue card update failed (${describeFailure(error)})`);
    } finally {
      state.running = false;
      if (state.dirty) this.arm(key, state);
    }
  }

  private async update(state: SessionState): Promise<void> {
    const { questions } = this.options.deps;
    const settings = await questions.getQueue(state.tenantId, state.sessionId);
    const posted = settings?.meetingCard;
    if (!posted) return;
    for (let attempt = 1; ; attempt += 1) {
      const queue = await publicQueue(this.options.deps, state.tenantId, state.sessionId);
      if (!queue) return;
      const now = Date.now();
      const conversationFree = this.conversations.get(posted.conversationId) ?? 0;
      if (conversationFree > now) {
        // Another session's card in the same chat was just updated: come back when the chat is free.
        state.dirty = true;
        state.notBefore = conversationFree;
        return;
      }
      // Spaced from the moment the request leaves, so Teams never sees two within the interval.
      this.spaceOut(posted.conversationId, state, now + this.intervalMs);
      const failure = await this.send(state.tenantId, posted, queueCard(queue.view, { audience: 'everyone' }));
      if (failure === undefined) return;
      const status = statusOf(failure);
      if (status === 403 || status === 404) {
        // The card was deleted or the bot removed from the chat: stop updating it.
        await this.forget(state, posted.activityId);
        this.log(`meeting queue card is gone (HTTP ${status}); it will no longer be updated`);
        return;
      }
      const retryable = status === 429 || status === 412 || status === 502 || status === 503 || status === 504;
      if (!retryable || attempt >= this.maxAttempts) throw failure;
      const waitMs =
        status === 429 ? retryAfterSeconds(failure, 1) * 1000 : 2 ** attempt * 250 + Math.floor(Math.random() * 250);
      if (waitMs > MAX_RETRY_AFTER_MS) throw failure;
      this.spaceOut(posted.conversationId, state, Date.now() + waitMs);
      await new Promise((resolve) => setTimeout(resolve, waitMs).unref?.());
    }
  }

  private spaceOut(conversationId: string, state: SessionState, until: number): void {
    if (this.conversations.size > PRUNE_ABOVE) this.prune();
    this.conversations.set(conversationId, until);
    state.notBefore = until;
  }

  /** Replaces the posted card with `card`; returns the failure instead of throwing it. */
  private async send(
    tenantId: string,
    posted: NonNullable<QnaQueue['meetingCard']>,
    card: ReturnType<typeof queueCard>,
  ): Promise<unknown> {
    const reference: Partial<ConversationReference> = {
      channelId: posted.channelId,
      serviceUrl: posted.serviceUrl,
      conversation: {
        id: posted.conversationId,
        isGroup: true,
        conversationType: posted.conversationType ?? 'groupChat',
        tenantId,
        name: '',
      },
      bot: { id: posted.botId, name: '' },
    };
    let failure: unknown;
    // Failures are caught inside the turn: botbuilder would otherwise hand them (with the request, and so
    // the card's text) to the adapter's onTurnError, which logs them whole.
    await this.options.adapter.continueConversationAsync(this.options.appId, reference, async (context) => {
      try {
        await context.updateActivity({
          type: 'message',
          id: posted.activityId,
          attachments: [CardFactory.adaptiveCard(card)],
        });
      } catch (error) {
        failure = error;
      }
    });
    return failure;
  }

  private async forget(state: SessionState, activityId: string): Promise<void> {
    const now = new Date().toISOString();
    await this.options.deps.questions.updateQueue(
      state.tenantId,
      state.sessionId,
      { tenantId: state.tenantId, sessionId: state.sessionId, moderated: false, updatedAt: now, revision: 0 },
      (current) => {
        if (current.meetingCard?.activityId !== activityId) return { next: current, result: undefined };
        const { meetingCard: _gone, ...rest } = current;
        return { next: rest, result: undefined };
      },
    );
  }

  private prune(): void {
    const now = Date.now();
    for (const [key, state] of this.sessions) {
      if (!state.timer && !state.running && !state.dirty && state.notBefore < now) this.sessions.delete(key);
    }
    for (const [id, until] of this.conversations) if (until < now) this.conversations.delete(id);
  }
}

/**
 * The meeting queue card updater, for the composition root to add to the queue's change listeners. Give it
 * the same CloudAdapter the bot endpoint uses (createBotAdapter) and the bot's app id.
 */
export function createMeetingQueueCards(options: MeetingQueueCardsOptions): MeetingQueueCards {
  return new MeetingQueueCards(options);
}
