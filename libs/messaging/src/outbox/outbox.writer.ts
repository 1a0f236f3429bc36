import { EntityManager } from 'typeorm';
import { EventEnvelope, parseEvent, topicOf } from '@gridwhistle/contracts';

/**
 * Writes events into the service's outbox inside the caller's transaction, so that an event
 * exists if and only if the state change that caused it was committed.
 */
export class OutboxWriter {
  constructor(private readonly schema: string) {}

  async add(manager: EntityManager, ...events: EventEnvelope[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.add must run inside a transaction');
    }
    if (events.length === 0) return;
    const checked = events.map((event) => parseEvent(event));
    await manager.query(
      `INSERT INTO "${this.schema}".outbox (id, case_id, topic, type, envelope)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[])`,
      [
        checked.map((e) => e.id),
        checked.map((e) => e.caseId),
        checked.map((e) => topicOf(e.type)),
        checked.map((e) => e.type),
        checked.map((e) => JSON.stringify(e)),
      ],
    );
  }
}
