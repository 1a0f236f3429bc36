import { randomUUID } from 'node:crypto';
import { createEvent, traceFrom } from '@gridwhistle/contracts';

/**
 * A case.reported envelope as the outbox stores and the relay publishes it: the raw ceilings
 * write and send rows and messages of the system's own size.
 */
export function sampleEnvelope(): string {
  const event = createEvent(
    'case.reported',
    randomUUID(),
    {
      categoryCode: 'manhole_cover',
      gridCode: 'kaizhou.hanfeng.binhu.g01',
      channel: 'hotline',
      requestKind: 'report',
      integrationCode: 'hotline_12345',
      description: 'benchmark case 12345',
      reportedAt: new Date().toISOString(),
    },
    { trace: traceFrom() },
  );
  return JSON.stringify(event);
}
