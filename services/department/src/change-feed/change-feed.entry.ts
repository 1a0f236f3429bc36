/**
 * What a unit's change feed tells: one type for each thing that can happen to a unit's case,
 * and `webhook_disabled` for the unit itself. A new kind of change is one entry here and one
 * ChangeFeedWriter call where it happens.
 */
export const CHANGE_TYPES = ['dispatched', 'withdrawn', 'acknowledged', 'resolved', 'closed', 'graded', 'webhook_disabled'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** A change to record: never personal data in `data`, since units' systems and webhooks receive it as it is. */
export interface Change {
  unitCode: string;
  type: ChangeType;
  /** Null for a change to the unit itself rather than to one of its cases. */
  caseId: string | null;
  occurredAt: Date | string;
  data?: Record<string, unknown>;
}

/** A change of a case for every unit holding it (see ChangeFeedWriter.recordForHolders). */
export type CaseChange = Omit<Change, 'unitCode'>;

/** An entry as the feed and the webhooks deliver it. */
export interface ChangeFeedEntry {
  id: string;
  type: ChangeType;
  caseId: string | null;
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface ChangeFeedRow {
  position: string;
  id: string;
  type: ChangeType;
  case_id: string | null;
  occurred_at: Date;
  data: Record<string, unknown>;
}

export function entryOf(row: ChangeFeedRow): ChangeFeedEntry {
  return { id: row.id, type: row.type, caseId: row.case_id, occurredAt: row.occurred_at.toISOString(), data: row.data };
}
