import type { SessionKind } from '../sessions/session.js';

/** Versioned agreement text (code of conduct, confidentiality terms). */
export interface AgreementText {
  readonly version: number;
  readonly text: string;
}

/** When reminders go out by default (the reminders engine reads these; sessions and people may override). */
export interface ReminderDefaults {
  /** Minutes before a session that participants are reminded, e.g. [1440, 15]. */
  readonly participantMinutesBefore: readonly number[];
  /** Days before a session that its presenters are reminded. */
  readonly presenterDaysBefore: number;
}

export const DEFAULT_REMINDERS: ReminderDefaults = { participantMinutesBefore: [1440, 15], presenterDaysBefore: 3 };

/** A peer-learning program: the frame cohorts and sessions live in. */
export interface Program {
  readonly tenantId: string;
  readonly id: string;
  readonly name: string;
  readonly purpose: string;
  readonly codeOfConduct: AgreementText;
  readonly confidentiality: AgreementText;
  /** People who may form cohorts and see the program's insights. */
  readonly ownerIds: readonly string[];
  /** The session kinds the program's calendar offers first. */
  readonly defaultSessionKinds?: readonly SessionKind[];
  readonly reminderDefaults?: ReminderDefaults;
  readonly createdAt: string;
}

export interface ProgramRepository {
  get(tenantId: string, id: string): Promise<Program | null>;
  list(tenantId: string): Promise<Program[]>;
  /** Creates the program; Conflict if its id exists. */
  create(program: Program): Promise<void>;
  /** Changes one program under optimistic concurrency (ETag); Conflict when it keeps losing the race. */
  update<T>(tenantId: string, id: string, change: (current: Program) => { next: Program; result: T }): Promise<T>;
}

export function isProgramOwner(program: Program, userId: string): boolean {
  return program.ownerIds.includes(userId);
}
