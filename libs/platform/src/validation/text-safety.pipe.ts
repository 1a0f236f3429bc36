import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldError, ValidationProblem } from '../problems/problem';

/** How deeply a request's JSON may nest; no API of ours needs more than a few levels. */
export const MAX_DEPTH = 32;

const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses, before validation, input no column can store as sent: Postgres text cannot hold
 * NUL, and UTF-8 (Postgres, Kafka, JSON responses) cannot hold an unpaired surrogate, which
 * would otherwise be replaced silently. Also refuses JSON nested deeper than MAX_DEPTH, so that
 * no later step walks an unbounded tree. Applies to bodies, queries and route parameters.
 */
@Injectable()
export class TextSafetyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const problem = unsafeInput(value, metadata.data ?? '');
    if (problem) throw new ValidationProblem([problem]);
    return value;
  }
}

/** The first string (key or value) that cannot be stored, or the top-level field that nests too deep. */
export function unsafeInput(value: unknown, path: string, top = path, depth = 0): FieldError | undefined {
  if (typeof value === 'string') return unsafeText(value, path);
  if (value === null || typeof value !== 'object') return undefined;
  if (depth === MAX_DEPTH) return { field: top, message: `${top} must not nest deeper than ${MAX_DEPTH} levels` };
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    const problem = unsafeText(key, childPath) ?? unsafeInput(child, childPath, top || childPath, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

function unsafeText(text: string, field: string): FieldError | undefined {
  const name = field || 'the body';
  if (NUL.test(text)) return { field: name, message: `${name} must not contain NUL (\\u0000) characters` };
  if (LONE_SURROGATE.test(text)) return { field: name, message: `${name} must be valid Unicode: it has an unpaired surrogate` };
  return undefined;
}
