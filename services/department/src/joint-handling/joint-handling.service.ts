import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { createEvent } from '@gridwhistle/contracts';
import { Problem } from '@gridwhistle/platform';
import { DepartmentCaseEntity } from '../cases/department-case.entity';
import { CaseActionRunner, traceOf } from '../cases/case-action.runner';
import { view } from '../cases/case-view';
import { AssistantPartDto, JointCaseDto } from './joint-handling.dto';

/** An assistant's part is still open while it has not reported it (its row is not resolved or beyond). */
const OPEN = ['dispatched', 'acknowledged'];

/**
 * Joint handling (首接负责, 协办): the lead of a dispatch round handles the case, each assistant
 * of that round reports its part to the lead, and the lead resolves the case once every part
 * is in, or says why it does not wait. All holders' rows live in this schema, so the lead
 * learns the reports from them directly.
 */
@Injectable()
export class JointHandlingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly actions: CaseActionRunner,
  ) {}

  /**
   * An assistant reports its part, after acknowledging it, with case.assistant_reported in the
   * same transaction. Its row is then `resolved` with the report as resolution. Reporting the
   * same again answers with the case as it is; another report after the first is a conflict.
   */
  async report(unitCode: string, caseId: string, report: string, ifMatch?: string): Promise<JointCaseDto> {
    const reported = await this.actions.run(unitCode, caseId, {
      action: 'assistant-report',
      ifMatch,
      text: report,
      sameAs: (found) => found.resolution === report,
      changes: (now) => ({ resolvedAt: now, resolution: report }),
      event: (found, now) => createEvent('case.assistant_reported', caseId, { unitCode, round: found.round, report }, { trace: traceOf(found), occurredAt: now }),
    });
    return view(reported);
  }

  /**
   * Before the lead resolves: every assistant of its round has reported, or the lead says why
   * it does not wait, and that reason is recorded with the assistants it did not wait for.
   */
  async requireAssistantsReported(manager: EntityManager, lead: DepartmentCaseEntity, withoutAssistantsReason?: string): Promise<void> {
    if (lead.role !== 'lead') return;
    const pending = (await this.assistantRows(manager, lead)).filter((row) => OPEN.includes(row.status)).map((row) => row.unitCode);
    if (pending.length === 0) return;
    if (!withoutAssistantsReason) {
      throw new Problem(
        409,
        'conflict',
        `case ${lead.caseId} is handled jointly: ${pending.join(', ')} ha${pending.length === 1 ? 's' : 've'} not reported their part; ` +
          'wait for their reports or resolve with withoutAssistantsReason',
        { currentState: lead.status, role: lead.role, resolution: lead.resolution, assistantsPending: pending, allowedActions: ['resolve_without_assistants'] },
      );
    }
    await manager.query(
      `INSERT INTO department.resolutions_without_assistants (case_id, lead_code, round, reason, assistants_pending)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [lead.caseId, lead.departmentCode, lead.round, withoutAssistantsReason, pending],
    );
  }

  /** The lead's view of a case adds its assistants' parts and any reason it resolved without them. */
  async withParts(unitCode: string, c: JointCaseDto): Promise<JointCaseDto> {
    if (c.role !== 'lead') return c;
    const manager = this.dataSource.manager;
    const lead = { caseId: c.id, departmentCode: unitCode, round: c.round };
    const [rows, [without]] = await Promise.all([
      this.assistantRows(manager, lead),
      manager.query(
        'SELECT reason, assistants_pending FROM department.resolutions_without_assistants WHERE case_id = $1 AND lead_code = $2 AND round = $3',
        [c.id, unitCode, c.round],
      ),
    ]);
    const now = new Date();
    const assistants = rows.map((row): AssistantPartDto => {
      const reported = !OPEN.includes(row.status) && row.resolvedAt !== null;
      return {
        unitCode: row.unitCode,
        unitName: row.unitName ?? row.unitCode,
        status: row.status,
        acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
        report: reported ? row.resolution : null,
        reportedAt: reported ? row.resolvedAt!.toISOString() : null,
        dueAt: row.dueAt.toISOString(),
        late: (reported ? row.resolvedAt! : now) > row.dueAt,
      };
    });
    return { ...c, assistants, withoutAssistantsReason: without?.reason ?? null, assistantsPendingAtResolution: without?.assistants_pending ?? [] };
  }

  /** The assistants of the lead's round, with their names from the units read-model. */
  private async assistantRows(manager: EntityManager, lead: Pick<DepartmentCaseEntity, 'caseId' | 'departmentCode' | 'round'>) {
    const rows: AssistantRow[] = await manager.query(
      `SELECT c.department_code AS "unitCode", u.name AS "unitName", c.status, c.acknowledged_at AS "acknowledgedAt",
              c.resolved_at AS "resolvedAt", c.resolution, c.due_at AS "dueAt"
         FROM department.cases c LEFT JOIN department.units u ON u.code = c.department_code
        WHERE c.case_id = $1 AND c.role = 'assistant' AND c.round = $2 AND c.department_code <> $3
        ORDER BY c.department_code`,
      [lead.caseId, lead.round, lead.departmentCode],
    );
    return rows;
  }
}

interface AssistantRow {
  unitCode: string;
  unitName: string | null;
  status: DepartmentCaseEntity['status'];
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  resolution: string | null;
  dueAt: Date;
}
