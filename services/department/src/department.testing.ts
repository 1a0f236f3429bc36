import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '@gridwhistle/messaging';
import { Profile } from '@gridwhistle/platform';
import { CaseActionRunner } from './cases/case-action.runner';
import { DepartmentCasesService } from './cases/department-cases.service';
import { JointHandlingService } from './joint-handling/joint-handling.service';
import { CaseReturnsService } from './returns/case-returns.service';
import { CaseNotesService } from './notes/case-notes.service';
import { CaseUnfixableService } from './unfixable/case-unfixable.service';
import { CaseTimelineService } from './timeline/case-timeline.service';
import { DepartmentEnv } from './department.env';
import { CaseFlowMetrics } from './cases/case-flow.metrics';

/** The department's services wired as Nest wires them, for integration specs on real Postgres. */
export function deskServices(dataSource: DataSource, profile: Profile = 'local') {
  const actions = new CaseActionRunner(dataSource, new OutboxWriter('department'));
  const env = Object.assign(new DepartmentEnv(), { GRIDWHISTLE_PROFILE: profile });
  const metrics = new CaseFlowMetrics(dataSource, new Registry());
  return {
    actions,
    cases: new DepartmentCasesService(dataSource, actions, env, metrics),
    joint: new JointHandlingService(dataSource, actions),
    returns: new CaseReturnsService(actions),
    notes: new CaseNotesService(actions),
    unfixable: new CaseUnfixableService(actions),
    timeline: new CaseTimelineService(dataSource),
  };
}
