import { EntityManager } from 'typeorm';
import { EVENT_CATALOG, EventEnvelope, isEventType, parseEvent, topicOf } from '@gridwhistle/contracts';

export interface OutboxWriterOptions {
  /**
   * Validates each event against its contract (class-validator) before writing it. Off in the
   * services: they write events their own typed code built with createEvent, and every
   * consumer validates each event it receives, which is the edge where anything can arrive
   * (Kafka); validating here too cost a third of the event's validation CPU. On in tests of
   * producing code, where it turns a producer's bug into a failure of that producer's own test
   * instead of a dead letter elsewhere.
   */
  validateContracts?: boolean;
}

/**
 * Writes events into the service's outbox inside the caller's transaction, so that an event
 * exists if and only if the state change that caused it was committed.
 */
export class OutboxWriter {
  constructor(
    private readonly schema: string,
    private readonly options: OutboxWriterOptions = {},
  ) {}

  async add(manager: EntityManager, ...events: EventEnvelope[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxWriter.add must run inside a transaction');
    }
    if (events.length === 0) return;
    const { text, values } = this.insertion(events);
    await manager.query(text, values);
  }

  /**
   * The insert of the events as a statement, its parameters numbered from `first`, for a
   * caller that runs it as a WITH clause of its own statement inside its transaction: one
   * round trip for the state change and its events (each round trip costs both processes more
   * CPU than the statement's work on a hop's small batch).
   */
  insertion(events: EventEnvelope[], first = 1): { text: string; values: unknown[] } {
    const checked = this.options.validateContracts ? events.map((event) => parseEvent(event)) : events.map(checkCatalogued);
    const [ids, caseIds, topics, types, envelopes] = [0, 1, 2, 3, 4].map((i) => `$${first + i}`);
    return {
      text: `INSERT INTO "${this.schema}".outbox (id, case_id, topic, type, envelope)
        SELECT * FROM unnest(${ids}::uuid[], ${caseIds}::uuid[], ${topics}::text[], ${types}::text[], ${envelopes}::jsonb[])`,
      values: [
        checked.map((e) => e.id),
        checked.map((e) => e.caseId),
        checked.map((e) => topicOf(e.type)),
        checked.map((e) => e.type),
        checked.map((e) => JSON.stringify(e)),
      ],
    };
  }
}

/** The cheap check that stays: an event of a type and version the catalog knows (the columns check the ids). */
function checkCatalogued(event: EventEnvelope): EventEnvelope {
  if (!isEventType(event.type) || !(event.version in EVENT_CATALOG[event.type].versions)) {
    throw new Error(`the outbox takes events of the catalog only, not ${String(event.type)} v${String(event.version)}`);
  }
  return event;
}
