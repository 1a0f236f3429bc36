import { ChangeFeedWriter } from '../change-feed/change-feed.writer';
import { ChangeType } from '../change-feed/change-feed.entry';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { Problem } from '@gridwhistle/platform';
import { DepartmentCaseEntity } from './department-case.entity';
import { CaseAction, allowedActions, decide } from './case-state-machine';
import { matchesIfMatch } from './case-version';

/** What must hold before a unit's case moves on, checked in the action's transaction (e.g. joint handling's). */
export type TransitionCheck = (manager: EntityManager, found: DepartmentCaseEntity) => Promise<void>;

export interface ActionSpec {
  action: CaseAction;
  /** The client's If-Match header, if it sent one. */
  ifMatch?: string;
  /** For a repeat of what already happened: whether it carries the same content (a retry) rather than other content (a conflict). */
  sameAs?: (found: DepartmentCaseEntity) => boolean;
  /** Whether this very action is already in, though the status does not show it (a retried note). */
  alreadyDone?: (manager: EntityManager, found: DepartmentCaseEntity) => Promise<boolean>;
  check?: TransitionCheck;
  /** The row's changes beside its status. */
  changes?: (now: Date) => Partial<DepartmentCaseEntity>;
  /** The event the action publishes, in the same transaction. */
  event?: (found: DepartmentCaseEntity, now: Date) => EventEnvelope;
  /** What the unit's timeline shows of it. */
  text?: string | null;
  now?: Date;
  /** Runs once a fresh move committed (a rolled-back one is not counted): the case before and after. */
  onMoved?: (before: DepartmentCaseEntity, after: DepartmentCaseEntity) => void;
}

/**
 * Every action of the desk runs here: the unit's row is locked (concurrent actions on one case
 * wait for each other), the state machine decides, a stale If-Match answers 412, and the change,
 * the timeline entry and the event commit together. A repeat of what already happened answers
 * with the case as it is, whatever its If-Match (RFC 9110 §13.1.1 allows it: the change is in).
 */
/** The actions the unit's change feed (GET /v1/events, webhooks) reports. */
const FEED_CHANGES: Partial<Record<CaseAction, ChangeType>> = { acknowledge: 'acknowledged', resolve: 'resolved', 'cannot-fix': 'resolved' };

@Injectable()
export class CaseActionRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly feed: ChangeFeedWriter,
  ) {}

  async run(unitCode: string, caseId: string, spec: ActionSpec): Promise<DepartmentCaseEntity> {
    const now = spec.now ?? new Date();
    let before: DepartmentCaseEntity | undefined;
    const after = await this.dataSource.transaction(async (manager) => {
      const found = await findCase(manager, unitCode, caseId, true);
      const decision = decide(found, spec.action, now);
      if (decision.kind === 'refuse') throw conflict(found, `case ${caseId}: ${decision.reason}`, now);
      if (decision.kind === 'repeat' || (await spec.alreadyDone?.(manager, found))) {
        if (spec.sameAs && !spec.sameAs(found)) throw conflict(found, `case ${caseId} is ${found.status}: ${spec.action} was done before with other content`, now);
        return found;
      }
      if (spec.ifMatch !== undefined && !matchesIfMatch(spec.ifMatch, found.version)) {
        throw new Problem(412, 'precondition-failed', `case ${caseId} changed: it is at version ${found.version}, not ${spec.ifMatch}`, {
          currentVersion: found.version,
          currentState: found.status,
        });
      }
      await spec.check?.(manager, found);
      // Every action touches the row, so that its version (ETag) and place in the list move on.
      await manager.update(DepartmentCaseEntity, { caseId, departmentCode: unitCode }, { status: decision.to, ...spec.changes?.(now), updatedAt: now });
      await manager.query(`INSERT INTO department.case_actions (case_id, unit_code, round, action, text, at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        caseId,
        unitCode,
        found.round,
        spec.action,
        spec.text ?? null,
        now,
      ]);
      if (spec.event) await this.outbox.add(manager, spec.event(found, now));
      const change = FEED_CHANGES[spec.action];
      if (change) await this.feed.record(manager, [{ unitCode, type: change, caseId, occurredAt: now, data: { role: found.role } }]);
      before = found;
      return findCase(manager, unitCode, caseId);
    });
    if (before) spec.onMoved?.(before, after);
    return after;
  }
}

/** A unit never learns whether another unit's case exists: both answer 404. */
export async function findCase(manager: EntityManager, unitCode: string, caseId: string, lock = false): Promise<DepartmentCaseEntity> {
  const found = await manager.findOne(DepartmentCaseEntity, {
    where: { caseId, departmentCode: unitCode },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!found) throw new NotFoundException(`no case ${caseId} for your department`);
  return found;
}

/** 409 with what the client needs to recover: the case's state, its resolution, and what the table allows now. */
export function conflict(c: DepartmentCaseEntity, detail: string, now = new Date()): Problem {
  return new Problem(409, 'conflict', detail, { currentState: c.status, role: c.role, resolution: c.resolution, allowedActions: allowedActions(c, now) });
}

export const traceOf = (c: DepartmentCaseEntity) => (c.traceparent ? { traceparent: c.traceparent } : undefined);
