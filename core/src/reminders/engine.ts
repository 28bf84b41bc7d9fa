import type { StopSignal } from './channel.js';
import {
  DEFAULT_DISPATCH_SETTINGS,
  Dispatcher,
  type DispatchSettings,
  type DispatchSummary,
  type DispatcherDeps,
} from './dispatcher.js';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from './deps.js';
import { planTenant, type PlanSummary } from './planner.js';

export interface EngineSettings {
  readonly plan: PlanSettings;
  readonly dispatch: DispatchSettings;
  /** The longest one tick keeps dispatching a backlog (below the Functions timeout). */
  readonly maxTickMs: number;
  /** While a backlog lasts, plan again this often (the timer's own ticks wait for this one to end). */
  readonly replanEveryMs: number;
}

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  plan: DEFAULT_PLAN_SETTINGS,
  dispatch: DEFAULT_DISPATCH_SETTINGS,
  maxTickMs: 9 * 60_000,
  replanEveryMs: 60_000,
};

export interface TickSummary {
  /** A tick was already running in this process: this one did nothing (the running one covers it). */
  readonly overlapped: boolean;
  readonly planned: PlanSummary;
  readonly dispatched: DispatchSummary;
  readonly durationMs: number;
}

const EMPTY_DISPATCH: DispatchSummary = {
  sent: 0,
  failed: 0,
  skipped: 0,
  deferred: 0,
  throttled: 0,
  lostClaims: 0,
  lateRecords: 0,
  remaining: false,
};

/**
 * The reminders engine a timer drives: each tick plans what became due in every tenant (catching up whatever
 * missed ticks left) and dispatches it, tenants side by side, each at its own rate. A backlog larger than a
 * minute's worth keeps the tick going (planning again every minute) up to `maxTickMs`.
 */
export class ReminderEngine {
  private readonly dispatcher: Dispatcher;
  private running: Promise<TickSummary> | null = null;

  constructor(
    private readonly deps: DispatcherDeps,
    private readonly tenants: () => readonly string[],
    private readonly settings: EngineSettings = DEFAULT_ENGINE_SETTINGS,
  ) {
    this.dispatcher = new Dispatcher(deps, settings.dispatch);
  }

  /** One timer tick. Overlapping ticks in one process share the running one; across processes claims decide. */
  tick(options: { signal?: StopSignal } = {}): Promise<TickSummary> {
    if (this.running) {
      return Promise.resolve({
        overlapped: true,
        planned: { waves: 0, created: 0, notices: 0 },
        dispatched: { ...EMPTY_DISPATCH },
        durationMs: 0,
      });
    }
    this.running = this.run(options.signal).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Plans one tenant now (the timer does this every tick). */
  plan(tenantId: string): Promise<PlanSummary> {
    return planTenant(this.deps, tenantId, this.settings.plan);
  }

  /** Dispatches one tenant's due deliveries, optionally of one subject only ("send reminder now"). */
  dispatch(tenantId: string, options: { budgetMs: number; signal?: StopSignal; subjectId?: string }) {
    return this.dispatcher.dispatch(tenantId, options);
  }

  private async run(signal: StopSignal | undefined): Promise<TickSummary> {
    const started = Date.now();
    const planned = { waves: 0, created: 0, notices: 0 };
    const dispatched = { ...EMPTY_DISPATCH };
    const tenants = [...this.tenants()];
    for (;;) {
      for (const tenantId of tenants) {
        try {
          const result = await this.plan(tenantId);
          planned.waves += result.waves;
          planned.created += result.created;
          planned.notices += result.notices;
        } catch (error) {
          // One tenant's trouble must not hold back the others; the next tick plans it again.
          this.deps.log(`planning failed for a tenant: ${(error as Error)?.name ?? 'error'}`);
        }
      }
      const elapsed = Date.now() - started;
      const budgetMs = Math.min(this.settings.replanEveryMs, this.settings.maxTickMs - elapsed);
      const results = await Promise.all(
        tenants.map((tenantId) =>
          this.dispatcher.dispatch(tenantId, { budgetMs, ...(signal ? { signal } : {}) }).catch((error: unknown) => {
            this.deps.log(`dispatch failed for a tenant: ${(error as Error)?.name ?? 'error'}`);
            return { ...EMPTY_DISPATCH, remaining: true };
          }),
        ),
      );
      dispatched.remaining = false;
      for (const result of results) {
        dispatched.sent += result.sent;
        dispatched.failed += result.failed;
        dispatched.skipped += result.skipped;
        dispatched.deferred += result.deferred;
        dispatched.throttled += result.throttled;
        dispatched.lostClaims += result.lostClaims;
        dispatched.lateRecords += result.lateRecords;
        dispatched.remaining ||= result.remaining;
      }
      const more = dispatched.remaining && !signal?.aborted && Date.now() - started < this.settings.maxTickMs;
      if (!more) break;
    }
    return { overlapped: false, planned, dispatched, durationMs: Date.now() - started };
  }
}
