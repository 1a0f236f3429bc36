import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { HeadersObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { RETRY_AFTER_SECONDS, UNAVAILABLE_DETAIL } from '../outage.interceptor';
import { PROBLEM_MEDIA_TYPE, PROBLEM_TYPES, titleOf } from '../problems/problem';
import { ProblemDetailsDto, ProblemFieldErrorDto } from './problem-details.dto';

/** The problems an operation documents, by status, with their usual type and wording. */
export const PROBLEMS = {
  400: {
    slug: 'validation-failed',
    description: 'A field, parameter or header is not valid (validation-failed), or the body is not JSON (malformed-json).',
    detail: 'the request has 1 invalid field',
  },
  401: {
    slug: 'unauthorized',
    description: 'No API key was sent, or an unknown one: send `Authorization: Bearer <api key>`.',
    detail: 'send your API key as "Authorization: Bearer <api key>"',
  },
  404: { slug: 'not-found', description: 'Nothing is found at this address.', detail: 'nothing is found at this address' },
  409: {
    slug: 'conflict',
    description: 'The request conflicts with the current state of the case.',
    detail: 'the request conflicts with the case as it is now',
  },
  412: {
    slug: 'precondition-failed',
    description: 'The `If-Match` sent is not the case’s version any more: someone changed it since you read it. `currentVersion` says where it is.',
    detail: 'case 0f8e2c1a-6d3b-4a8e-9b7c-2d4f6a8b0c1e changed: it is at version 4, not "3"',
  },
  413: { slug: 'payload-too-large', description: 'The body is larger than 64 KiB.', detail: 'the body is larger than 65536 bytes' },
  415: {
    slug: 'unsupported-media-type',
    description: 'The body is not sent as `content-type: application/json`.',
    detail: "content-type 'text/plain' is not supported: send application/json",
  },
  422: {
    slug: 'idempotency-key-reused',
    description: 'This Idempotency-Key was used before with a different request.',
    detail: 'Idempotency-Key call-20261122-0001 was used before with a different request',
  },
  503: {
    slug: 'service-unavailable',
    description: 'The service cannot reach its database just now (an outage or failover): retry after the `Retry-After` seconds.',
    detail: UNAVAILABLE_DETAIL,
  },
  500: {
    slug: 'internal-error',
    description: 'Something failed on our side; the request may be retried. Nothing internal is disclosed.',
    detail: 'an internal error occurred',
  },
} as const;

export type ProblemStatus = keyof typeof PROBLEMS;

/** Headers that come with a problem: how to authenticate (401), when to try again (503). */
const PROBLEM_HEADERS: Partial<Record<ProblemStatus, HeadersObject>> = {
  401: { 'WWW-Authenticate': { description: 'The scheme to authenticate with.', schema: { type: 'string', example: 'Bearer' } } },
  503: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', example: RETRY_AFTER_SECONDS } } },
};

/**
 * How one operation documents a problem: `true` for the usual wording, a string for its own
 * description, or an object that also shapes the example's `detail` and `errors`, and its `slug`
 * where the operation answers this status with a type of its own.
 */
export type ProblemDoc = true | string | { description: string; detail?: string; errors?: ProblemFieldErrorDto[]; slug?: string };

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
  const { description, detail } = PROBLEMS[status];
  const given = typeof doc === 'object' ? doc : { description: doc === true ? description : doc };
  const slug = (typeof doc === 'object' && doc.slug) || PROBLEMS[status].slug;
  const example: ProblemDetailsDto = {
    type: `${PROBLEM_TYPES}${slug}`,
    title: titleOf(slug, status),
    status,
    detail: given.detail ?? detail,
    ...(given.errors ? { errors: given.errors } : {}),
  };
  return {
    description: given.description,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) }, example } },
    ...(PROBLEM_HEADERS[status] ? { headers: PROBLEM_HEADERS[status] } : {}),
  };
}
