import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
export const PROBLEM_CONTENT_TYPE = `${PROBLEM_MEDIA_TYPE}; charset=utf-8`;
/** Every problem's `type` is this followed by its slug (validation-failed, not-found, …). */
export const PROBLEM_TYPES = 'https://gridwhistle.dev/problems/';

/** One invalid input: its path (`location.gridCode`, `limit`, `Idempotency-Key`) and what is wrong. */
export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem as every service answers it; `errors` only when input was invalid. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Titles are fixed per type (RFC 9457 §3.1.3); types not listed take the status's reason phrase. */
const TITLES: Record<string, string> = {
  'validation-failed': 'Your request is not valid',
  'malformed-json': 'The body is not valid JSON',
  'idempotency-key-reused': 'This Idempotency-Key was used for another request',
  'internal-error': 'Something went wrong on our side',
};

/** The title every problem of this type carries; the API documents the same. */
export function titleOf(slug: string, status: number): string {
  return TITLES[slug] ?? STATUS_CODES[status] ?? 'Error';
}

/** The problem type a status stands for when the code that failed did not name one: 404 not-found. */
export function slugOf(status: number): string {
  if (status === 500) return 'internal-error';
  return (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/[^a-z]+/g, '-');
}

/**
 * An error answered as application/problem+json: a type (its slug), a detail for this
 * occurrence, and any extension members the client needs to act on it (a 409's
 * `currentState`, say). Headers go out with it (a 401's WWW-Authenticate).
 */
export class Problem extends HttpException {
  readonly details: ProblemDetails;

  constructor(
    status: number,
    slug: string,
    detail: string,
    extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    const details = { type: PROBLEM_TYPES + slug, title: titleOf(slug, status), status, detail, ...extensions };
    super(details, status);
    this.details = details;
  }
}

/** 400 validation-failed, naming each invalid field once. */
export class ValidationProblem extends Problem {
  constructor(errors: FieldError[]) {
    super(400, 'validation-failed', errors.map((error) => error.message).join('; '), { errors });
  }
}
