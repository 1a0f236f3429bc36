import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { caseStageTimer, groupedCountGauge } from '@gridwhistle/observability';
import { DepartmentCaseEntity } from './department-case.entity';

/** A unit's hold on a case that is still open: the states its backlog is counted in. */
const OPEN_STATES = ['dispatched', 'acknowledged', 'resolved', 'unfixable'] as const;

/**
 * How units report in: acknowledgements and resolutions by unit, the time each took from the
 * step before, and each unit's open cases by state (read at scrape time with one grouped query
 * over the (department_code, status, …) index).
 */
@Injectable()
export class CaseFlowMetrics {
  private readonly acknowledged: Counter;
  private readonly resolved: Counter;
  private readonly timeStage: ReturnType<typeof caseStageTimer>;

  constructor(@InjectDataSource() dataSource: DataSource, registry: Registry) {
    const counter = (name: string, help: string) => new Counter({ name, help, labelNames: ['unit'], registers: [registry] });
    this.acknowledged = counter('gridwhistle_cases_acknowledged_total', 'Cases acknowledged (签收) by the units holding them');
    this.resolved = counter('gridwhistle_cases_resolved_total', 'Cases resolved (办结) by their lead units');
    this.timeStage = caseStageTimer(registry, ['dispatched_to_acknowledged', 'acknowledged_to_resolved']);
    groupedCountGauge(
      registry,
      { name: 'gridwhistle_unit_open_cases', help: 'Cases units hold and have not seen closed, by unit and state', labelNames: ['unit', 'state'] },
      () =>
        dataSource.query(
          `SELECT department_code AS unit, status AS state, count(*)::int AS n FROM department.cases WHERE status = ANY($1) GROUP BY 1, 2`,
          [OPEN_STATES],
        ),
    );
  }

  /** After the transaction that moved the case committed: a rolled-back step is not counted. */
  moved(before: DepartmentCaseEntity, after: Partial<Pick<DepartmentCaseEntity, 'acknowledgedAt' | 'resolvedAt'>>): void {
    const unit = before.departmentCode;
    if (after.resolvedAt && before.acknowledgedAt) {
      this.resolved.inc({ unit });
      this.timeStage('acknowledged_to_resolved', before.acknowledgedAt, after.resolvedAt);
    } else if (after.acknowledgedAt) {
      this.acknowledged.inc({ unit });
      this.timeStage('dispatched_to_acknowledged', before.dispatchedAt, after.acknowledgedAt);
    }
  }
}
