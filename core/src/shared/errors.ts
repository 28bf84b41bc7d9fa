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

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
