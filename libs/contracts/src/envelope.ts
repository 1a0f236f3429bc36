import { randomBytes, randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EVENT_CATALOG, EventType, PayloadOf, PayloadOfVersion, VersionOf, isEventType, latestVersion } from './event-catalog';
import { PRODUCERS, Producer } from './topics';

/** W3C trace context, carried so that one case can be followed across services. */
export interface TraceContext {
  traceparent: string;
  tracestate?: string;
}

interface Envelope<T extends EventType, V extends number, P> {
  id: string;
  type: T;
  version: V;
  caseId: string;
  occurredAt: string;
  producer: Producer;
  trace?: TraceContext;
  payload: P;
}

/**
 * What travels on every topic: a versioned envelope around one event's payload. A consumer
 * may receive any version still on the wire, told apart by `version`.
 */
export type EventEnvelope<T extends EventType = EventType> = {
  [K in T]: { [V in VersionOf<K>]: Envelope<K, V, PayloadOfVersion<K, V>> }[VersionOf<K>];
}[T];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export class InvalidEventError extends Error {
  constructor(readonly reasons: string[]) {
    super(`invalid event: ${reasons.join('; ')}`);
  }
}

/**
 * Builds a new envelope around a payload of the current version. It is validated where it
 * is published (the outbox) and again where it is consumed, not here as well.
 */
export function createEvent<T extends EventType>(
  type: T,
  caseId: string,
  payload: PayloadOf<T>,
  options: { trace?: TraceContext; occurredAt?: Date } = {},
): EventEnvelope<T> {
  return {
    id: randomUUID(),
    type,
    version: latestVersion(type),
    caseId,
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    producer: EVENT_CATALOG[type].producer,
    ...(options.trace ? { trace: options.trace } : {}),
    payload,
  } as unknown as EventEnvelope<T>;
}

/**
 * Checks an envelope that came from anywhere (a producer's code or the wire) against the
 * catalog, and returns it with a payload stripped of unknown fields. Throws InvalidEventError.
 */
export function parseEvent(input: unknown): EventEnvelope {
  const reasons: string[] = [];
  if (typeof input !== 'object' || input === null) throw new InvalidEventError(['not an object']);
  const raw = input as Record<string, unknown>;
  if (typeof raw.id !== 'string' || !UUID.test(raw.id)) reasons.push('id must be a uuid');
  if (typeof raw.caseId !== 'string' || !UUID.test(raw.caseId)) reasons.push('caseId must be a uuid');
  if (typeof raw.occurredAt !== 'string' || Number.isNaN(Date.parse(raw.occurredAt))) {
    reasons.push('occurredAt must be an ISO date');
  }
  if (!PRODUCERS.includes(raw.producer as Producer)) reasons.push(`unknown producer ${String(raw.producer)}`);
  if (raw.trace !== undefined) {
    const trace = raw.trace as Partial<TraceContext> | null;
    if (!trace || typeof trace.traceparent !== 'string' || !TRACEPARENT.test(trace.traceparent)) {
      reasons.push('trace.traceparent must be a W3C traceparent');
    }
  }
  if (!isEventType(raw.type)) {
    throw new InvalidEventError([...reasons, `unknown event type ${String(raw.type)}`]);
  }
  const entry = EVENT_CATALOG[raw.type];
  const payloadClass = (entry.versions as Record<number, new () => object>)[raw.version as number];
  if (!payloadClass) {
    throw new InvalidEventError([...reasons, `unknown version ${String(raw.version)} of ${raw.type}`]);
  }
  if (raw.producer !== entry.producer) reasons.push(`${raw.type} is produced by ${entry.producer}`);
  if (typeof raw.payload !== 'object' || raw.payload === null) {
    throw new InvalidEventError([...reasons, 'payload must be an object']);
  }
  const payload = instantiate(payloadClass, raw.payload);
  reasons.push(...flatten(validateSync(payload, { whitelist: true, forbidUnknownValues: true })));
  if (reasons.length > 0) throw new InvalidEventError(reasons);
  return {
    id: raw.id as string,
    type: raw.type,
    version: raw.version as number,
    caseId: raw.caseId as string,
    occurredAt: raw.occurredAt as string,
    producer: raw.producer as Producer,
    ...(raw.trace ? { trace: raw.trace as TraceContext } : {}),
    payload: { ...payload },
  } as EventEnvelope;
}

/**
 * The payload as an instance of its class, which class-validator needs. Our payload classes
 * convert nothing but nested objects (`@Type`), so a payload of primitives and arrays of
 * primitives is copied into the instance, which is what plainToInstance would build, at a
 * fraction of its cost (it was a third of consuming an event); a payload with objects inside
 * goes through class-transformer.
 */
function instantiate(payloadClass: new () => object, plain: object): object {
  for (const value of Object.values(plain)) {
    if (typeof value === 'object' && value !== null && (!Array.isArray(value) || value.some((item) => typeof item === 'object' && item !== null))) {
      return plainToInstance(payloadClass, plain);
    }
  }
  return Object.assign(new payloadClass(), plain);
}

function flatten(errors: ValidationError[], path = 'payload'): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`),
    ...flatten(error.children ?? [], `${path}.${error.property}`),
  ]);
}

/** Continues the caller's W3C trace when it sent a valid one; starts a new trace otherwise. */
export function traceFrom(traceparent?: string): TraceContext {
  if (traceparent && TRACEPARENT.test(traceparent)) return { traceparent };
  return { traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01` };
}
