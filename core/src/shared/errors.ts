/**
 * Expected outcomes of a use case. Each edge (HTTP, bot turn, messaging-extension invoke) maps these once;
 * nothing else is thrown on purpose.
 */
export interface FieldProblem {
  /** Dotted path of the offending field in the input, e.g. `commonThreads.level`. */
  readonly path: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export class ValidationFailed extends DomainError {
  readonly code = 'validation_failed';
  constructor(readonly fields: readonly FieldProblem[]) {
    super(fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join('; '));
  }
  static field(path: string, message: string): ValidationFailed {
    return new ValidationFailed([{ path, message }]);
  }
}

export class NotFound extends DomainError {
  readonly code = 'not_found';
  constructor(
    readonly entity: string,
    readonly field?: string,
  ) {
    super(field ? `${field}: no ${entity} with this id` : `${entity} not found`);
  }
}

export class Forbidden extends DomainError {
  readonly code = 'forbidden';
}

export class Conflict extends DomainError {
  readonly code = 'conflict';
}

/** The person is in the cohort but has not accepted its current code of conduct and confidentiality terms. */
export class AgreementsRequired extends DomainError {
  readonly code = 'agreements_required';
  constructor(readonly cohortId: string, cohortName: string) {
    super(`accept the code of conduct and confidentiality terms of "${cohortName}" first`);
  }
}

/** Too much too fast from one person: the edge answers 429 with Retry-After. */
export class TooManyRequests extends DomainError {
  readonly code = 'rate_limited';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
