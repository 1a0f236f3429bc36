import { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { kafkaConfig, topicName } from '@gridwhistle/messaging';
import { SERVICES } from '../setup';
import { BenchSystem, FinalStatus } from './bench.system';

export interface Integrity {
  /** Accepted cases that did not reach their final status in every service. */
  lost: number;
  /** Cases with an event that some service produced, or intake recorded, more than once. */
  duplicated: number;
  deadLetters: number;
  /** Redeliveries that the services' inboxes recognised and skipped (harmless; for information). */
  redelivered: number;
}

/** Accepted cases that are missing, or not in their final status, in any service's table. */
const LOST = `
  SELECT count(*)::int AS n FROM bench_ledger e
  LEFT JOIN intake.cases i ON i.id = e.case_id
  LEFT JOIN routing.dispatches d ON d.case_id = e.case_id
  LEFT JOIN department.cases k ON k.case_id = e.case_id AND k.role = 'lead'
  LEFT JOIN feedback.callbacks f ON f.case_id = e.case_id
  WHERE i.status IS DISTINCT FROM e.final_status
     OR d.outcome IS DISTINCT FROM 'dispatched'
     OR k.status IS DISTINCT FROM e.final_status
     OR (e.final_status = 'closed' AND f.status IS DISTINCT FROM 'closed')`;

/** Every event of every case once: in each producer's outbox, and in intake's timeline, which hears them all. */
const DUPLICATED = `
  SELECT count(DISTINCT case_id)::int AS n FROM (
    SELECT case_id FROM intake.timeline_entries GROUP BY case_id, type HAVING count(*) > 1
    ${SERVICES.map((s) => `UNION ALL SELECT case_id FROM ${s}.outbox GROUP BY case_id, type HAVING count(*) > 1`).join('\n    ')}
  ) twice`;

/**
 * Counts, at the end of the run, what the benchmark's load did to the data: every accepted
 * case exactly once and in its final status in every service's table, nothing dead-lettered.
 */
export async function checkIntegrity(system: BenchSystem): Promise<Integrity> {
  const { lost, duplicated } = await countLedger(system.db, system.ledger);
  return { lost, duplicated, deadLetters: await deadLetters(system), redelivered: await redelivered(system) };
}

/** Lost and duplicated cases of the ledger; cases still moving get `settleMs` to arrive before they count as lost. */
export async function countLedger(db: Client, ledger: Map<string, FinalStatus>, settleMs = 30_000): Promise<Pick<Integrity, 'lost' | 'duplicated'>> {
  await db.query('DROP TABLE IF EXISTS pg_temp.bench_ledger');
  await db.query('CREATE TEMP TABLE bench_ledger (case_id uuid PRIMARY KEY, final_status text NOT NULL)');
  await db.query('INSERT INTO bench_ledger SELECT * FROM unnest($1::uuid[], $2::text[])', [[...ledger.keys()], [...ledger.values()]]);
  const count = async (sql: string) => (await db.query(sql)).rows[0].n as number;
  const deadline = Date.now() + settleMs;
  let lost = await count(LOST);
  while (lost > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    lost = await count(LOST);
  }
  return { lost, duplicated: await count(DUPLICATED) };
}

async function deadLetters(system: BenchSystem): Promise<number> {
  const admin = new Kafka(kafkaConfig(system.kafka)).admin();
  await admin.connect();
  try {
    const partitions = await admin.fetchTopicOffsets(topicName(system.kafka, 'deadLetter'));
    return partitions.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

async function redelivered(system: BenchSystem): Promise<number> {
  let total = 0;
  for (const service of SERVICES) {
    const metrics = await (await fetch(`${system.urls[service]}/metrics`)).text();
    for (const [, value] of metrics.matchAll(/^gridwhistle_events_duplicate_total(?:\{[^}]*\})? (\S+)$/gm)) total += Number(value);
  }
  return total;
}
