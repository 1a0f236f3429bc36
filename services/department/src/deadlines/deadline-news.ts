import { CaseClock, EventEnvelope, EventType } from '@gridwhistle/contracts';

/** Routing's events that tell a unit about its deadlines. */
export const DEADLINE_NEWS = [
  'case.deadline_warning',
  'case.deadline_breached',
  'case.supervised',
  'case.registered_unresolved',
  'case.register_review_due',
  'case.extension_granted',
  'case.extension_referred',
  'case.extension_refused',
  'case.clock_resumed',
] as const satisfies readonly EventType[];
export type DeadlineNews = EventEnvelope<(typeof DEADLINE_NEWS)[number]>;

/** What a batch of news changes on one unit's deadlines in one round. */
export interface DeadlinePatch {
  clockDue: Partial<Record<CaseClock, string>>;
  breached: CaseClock[];
  cleared: CaseClock[];
  level?: string;
  levelDueAt?: string;
  supervisorCode?: string | null;
  clearSupervision?: boolean;
  registeredAt?: string;
  reviewAt?: string;
  extensionState?: string;
  extensionDecision?: string;
  /** A pause ended by routing (at its bound, or not allowed), with the time it lasted. */
  pauseEndedMs?: number;
}

type Payload = { unitCode: string; round: number } & Record<string, unknown>;

/**
 * Folds a batch of routing's news, in order, into one patch per case, unit and round, so that
 * the batch is written in one statement whatever it holds.
 */
export function patchesOf(events: DeadlineNews[]): Map<string, { caseId: string; unitCode: string; round: number; patch: DeadlinePatch }> {
  const patches = new Map<string, { caseId: string; unitCode: string; round: number; patch: DeadlinePatch }>();
  for (const event of events) {
    const p = event.payload as unknown as Payload;
    const key = `${event.caseId}:${p.unitCode}:${p.round}`;
    const entry = patches.get(key) ?? { caseId: event.caseId, unitCode: p.unitCode, round: p.round, patch: { clockDue: {}, breached: [], cleared: [] } };
    patches.set(key, entry);
    apply(entry.patch, event.type, p, event.occurredAt);
  }
  return patches;
}

function apply(patch: DeadlinePatch, type: DeadlineNews['type'], p: Payload, occurredAt: string): void {
  const clock = p.clock as CaseClock;
  const breach = (c: CaseClock) => {
    patch.breached = [...new Set([...patch.breached, c])];
    patch.cleared = patch.cleared.filter((x) => x !== c);
  };
  const resolveDue = (dueAt: unknown) => {
    if (typeof dueAt === 'string') patch.clockDue.resolve = dueAt;
  };
  switch (type) {
    case 'case.deadline_warning':
      patch.clockDue[clock] = p.dueAt as string;
      return;
    case 'case.deadline_breached':
      patch.clockDue[clock] = p.dueAt as string;
      return breach(clock);
    case 'case.supervised':
      Object.assign(patch, { level: p.level, levelDueAt: p.dueAt, supervisorCode: (p.supervisorCode as string) ?? null, clearSupervision: false });
      return breach('resolve');
    case 'case.registered_unresolved':
      Object.assign(patch, { registeredAt: occurredAt, reviewAt: p.reviewAt });
      return;
    case 'case.register_review_due':
      patch.reviewAt = p.nextReviewAt as string;
      return;
    case 'case.extension_referred':
      patch.extensionState = 'referred';
      return;
    case 'case.extension_refused':
      Object.assign(patch, { extensionState: 'refused', extensionDecision: p.reason });
      return;
    case 'case.extension_granted':
      // The deadline moved: what was late by the old one is not late by the new one.
      Object.assign(patch, { extensionState: 'granted', extensionDecision: null, clearSupervision: true, level: undefined, levelDueAt: undefined, supervisorCode: undefined });
      patch.breached = patch.breached.filter((x) => x !== 'resolve');
      patch.cleared = [...new Set([...patch.cleared, 'resolve' as const])];
      return resolveDue(p.dueAt);
    case 'case.clock_resumed':
      if (p.ending !== 'resumed') patch.pauseEndedMs = (patch.pauseEndedMs ?? 0) + (p.pausedMs as number);
      return resolveDue(p.dueAt);
  }
}
