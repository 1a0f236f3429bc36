import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_MEDIA_TYPE, PROBLEM_TYPE_BASE, ProblemDetailsDto, ProblemFieldErrorDto } from './problem-details.dto';

/** The problems an operation documents, by status, with their usual type and wording. */
export const PROBLEMS = {
  400: {
    slug: 'validation-failed',
    title: 'Your request is not valid',
    description: 'A field, parameter or header is not valid (validation-failed), or the body is not JSON (malformed-json).',
    detail: 'the request has 1 invalid field',
  },
  401: {
    slug: 'unauthorized',
    title: 'Authentication required',
    description: 'No API key was sent, or an unknown one: send `Authorization: Bearer <api key>`.',
    detail: 'send your API key as "Authorization: Bearer <api key>"',
  },
  404: { slug: 'not-found', title: 'Not found', description: 'Nothing is found at this address.', detail: 'nothing is found at this address' },
  409: {
    slug: 'conflict',
    title: 'Conflict',
    description: 'The request conflicts with the current state of the case.',
    detail: 'the request conflicts with the case as it is now',
  },
  413: { slug: 'payload-too-large', title: 'Payload too large', description: 'The body is larger than 64 KiB.', detail: 'the body is larger than 65536 bytes' },
  415: {
    slug: 'unsupported-media-type',
    title: 'Unsupported media type',
    description: 'The body is not sent as `content-type: application/json`.',
    detail: "content-type 'text/plain' is not supported: send application/json",
  },
  422: {
    slug: 'idempotency-key-reused',
    title: 'Idempotency-Key reused',
    description: 'This Idempotency-Key was used before with a different request.',
    detail: 'Idempotency-Key call-20261122-0001 was used before with a different request',
  },
  500: {
    slug: 'internal-error',
    title: 'Internal error',
    description: 'Something failed on our side; the request may be retried. Nothing internal is disclosed.',
    detail: 'an internal error occurred',
  },
} as const;

export type ProblemStatus = keyof typeof PROBLEMS;

/**
 * How one operation documents a problem: `true` for the usual wording, a string for its own
 * description, or an object that also shapes the example's `detail` and `errors`.
 */
export type ProblemDoc = true | string | { description: string; detail?: string; errors?: ProblemFieldErrorDto[] };

/**
 * Documents the application/problem+json answers an operation (or every operation of a
 * controller) can give, each with an example. Every operation's 500 is added to the document
 * once, for all (see finishDocument).
 */
export function ApiProblems(problems: Partial<Record<ProblemStatus, ProblemDoc>>): MethodDecorator & ClassDecorator {
  const responses = Object.entries(problems).map(([code, doc]) => {
    const status = Number(code) as ProblemStatus;
    return ApiResponse({ status, ...problemResponse(status, doc) });
  });
  return applyDecorators(ApiExtraModels(ProblemDetailsDto, ProblemFieldErrorDto), ...responses);
}

/** The OpenAPI response object of one problem: its description, schema, example and headers. */
export function problemResponse(status: ProblemStatus, doc: ProblemDoc = true) {
  const { slug, title, description, detail } = PROBLEMS[status];
  const given = typeof doc === 'object' ? doc : { description: doc === true ? description : doc };
  const example: ProblemDetailsDto = {
    type: `${PROBLEM_TYPE_BASE}${slug}`,
    title,
    status,
    detail: given.detail ?? detail,
    ...(given.errors ? { errors: given.errors } : {}),
  };
  return {
    description: given.description,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) }, example } },
    ...(status === 401
      ? { headers: { 'WWW-Authenticate': { description: 'The scheme to authenticate with.', schema: { type: 'string', example: 'Bearer' } } } }
      : {}),
  };
}
