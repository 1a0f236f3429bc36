import { OpenAPIObject } from '@nestjs/swagger';
import { problemResponse } from './api-problems.decorator';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * What @nestjs/swagger generates, finished as an OpenAPI 3.1 document: nullable written the
 * 3.1 way, and every operation's 500 and 503 problems (any route can fail on our side, or
 * meet a database outage); an operation that documents its own (Open311 in its error format, a page for people its own failure pages) keeps them.
 */
export function finishDocument(document: OpenAPIObject): OpenAPIObject {
  const finished = toJsonSchemaNullable(document) as OpenAPIObject;
  const internalError = problemResponse(500);
  const unavailable = problemResponse(503);
  for (const path of Object.values(finished.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      // A page for people documents its own failure pages.
      if (operation) operation.responses = { 500: internalError, 503: unavailable, ...operation.responses };
    }
  }
  return finished;
}

/**
 * OpenAPI 3.1 schemas are JSON Schema, which has no `nullable` (3.0): `nullable: true` becomes
 * a "null" type, or a choice of null for a $ref or composed schema.
 */
export function toJsonSchemaNullable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchemaNullable);
  if (value === null || typeof value !== 'object') return value;
  const converted = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJsonSchemaNullable(item)]));
  const { nullable } = converted;
  if (typeof nullable === 'boolean') delete converted.nullable;
  if (nullable !== true) return converted;
  if (typeof converted.type === 'string') {
    const enumWithNull = Array.isArray(converted.enum) ? { enum: [...converted.enum, null] } : {};
    return { ...converted, type: [converted.type, 'null'], ...enumWithNull };
  }
  const { description, example, ...schema } = converted;
  return {
    ...(description === undefined ? {} : { description }),
    ...(example === undefined ? {} : { example }),
    oneOf: [schema, { type: 'null' }],
  };
}
