/**
 * Thrown by a handler for an event that is wrong, not early: it names a case this service
 * must already know (it cannot be sent before the case reached us) and does not. Retrying
 * cannot help, so the inbox dead-letters it at once with this reason; an event that may
 * become applicable later must never throw this.
 */
export class UnprocessableEventError extends Error {
  override readonly name = 'UnprocessableEventError';
}

/** Throws UnprocessableEventError for the events whose case is not among `known`. */
export function refuseUnknownCases(events: { caseId: string }[], known: Iterable<string>, service: string): void {
  const knownIds = new Set(known);
  const unknown = events.filter((event) => !knownIds.has(event.caseId));
  if (unknown.length > 0) {
    throw new UnprocessableEventError(`${service} never heard of case ${[...new Set(unknown.map((event) => event.caseId))].join(', ')}`);
  }
}
