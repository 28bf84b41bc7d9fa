import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import {
  AgreementsRequired,
  Conflict,
  Forbidden,
  NotFound,
  ReportingLineConflict,
  TooManyRequests,
  ValidationFailed,
  type FieldProblem,
} from '@peerloop/core';
import { Unauthenticated } from '../auth/authenticator.js';

/** The one error body every API route answers with. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly fields?: readonly FieldProblem[];
    /** reporting_line: the members in the person's reporting line, so the caller can choose explicitly. */
    readonly related?: readonly unknown[];
    /** agreements_required: the cohort whose agreements to accept. */
    readonly cohortId?: string;
  };
}

/** Input that is wrong before any use case sees it (not JSON, too large, wrong content type). */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 | 415 = 400,
    readonly field = 'body',
  ) {
    super(message);
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit {
  return { status, jsonBody: body, headers: { 'cache-control': 'no-store', ...headers } };
}

function errorResponse(status: number, code: string, message: string, fields?: readonly FieldProblem[], headers = {}) {
  const body: ErrorBody = { error: { code, message, ...(fields ? { fields } : {}) } };
  return json(status, body, headers);
}

/** Maps expected outcomes to HTTP once; anything else is a 500 that says nothing about internals. */
export function toErrorResponse(error: unknown, context: InvocationContext): HttpResponseInit {
  if (error instanceof ValidationFailed) return errorResponse(400, error.code, error.message, error.fields);
  if (error instanceof BadRequest) {
    return errorResponse(error.status, 'bad_request', `${error.field}: ${error.message}`, [
      { path: error.field, message: error.message },
    ]);
  }
  if (error instanceof NotFound) {
    return errorResponse(
      404,
      error.code,
      error.message,
      error.field ? [{ path: error.field, message: 'not found' }] : undefined,
    );
  }
  if (error instanceof Forbidden) return errorResponse(403, error.code, error.message);
  if (error instanceof AgreementsRequired) {
    return json(403, {
      error: { code: error.code, message: error.message, cohortId: error.cohortId },
    } satisfies ErrorBody);
  }
  if (error instanceof TooManyRequests) {
    return errorResponse(429, error.code, error.message, undefined, { 'retry-after': String(error.retryAfterSeconds) });
  }
  if (error instanceof ReportingLineConflict) {
    return json(409, {
      error: { code: 'reporting_line', message: error.message, related: error.related },
    } satisfies ErrorBody);
  }
  if (error instanceof Conflict) return errorResponse(409, error.code, error.message);
  if (error instanceof Unauthenticated) {
    return errorResponse(401, error.code, error.message, undefined, {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  }
  context.error('unexpected error', error);
  return errorResponse(500, 'internal', 'Something went wrong on our side. Please try again.');
}

const MAX_BODY_BYTES = 64 * 1024;

/** Reads a JSON request body, refusing non-JSON, oversized and malformed bodies with a clear 4xx. */
export async function readJsonBody(request: HttpRequest): Promise<unknown> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new BadRequest('must be sent as application/json', 415);
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new BadRequest(`must be at most ${MAX_BODY_BYTES} bytes`, 413);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new BadRequest(`must be at most ${MAX_BODY_BYTES} bytes`, 413);
  if (text.trim() === '') throw new BadRequest('is empty; a JSON object is required');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequest('is not valid JSON');
  }
}

/** Query parameters as a plain object, with "true"/"false" and integers turned into their values. */
export function queryObject(request: HttpRequest, booleans: readonly string[] = []): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of request.query.entries()) {
    if (booleans.includes(key)) {
      if (value !== 'true' && value !== 'false') throw new BadRequest('must be true or false', 400, key);
      result[key] = value === 'true';
    } else {
      result[key] = value;
    }
  }
  return result;
}
