import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { createEvent } from '@gridwhistle/contracts';
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
import { ChangeFeedWriter } from './change-feed/change-feed.writer';

/** The department's services wired as Nest wires them, for integration specs on real Postgres. */
export function deskServices(dataSource: DataSource, profile: Profile = 'local') {
  const feed = new ChangeFeedWriter();
  const actions = new CaseActionRunner(dataSource, new OutboxWriter('department'), feed);
  const env = Object.assign(new DepartmentEnv(), { GRIDWHISTLE_PROFILE: profile });
  const metrics = new CaseFlowMetrics(dataSource, new Registry());
  return {
    actions,
    cases: new DepartmentCasesService(dataSource, actions, env, metrics, feed),
    joint: new JointHandlingService(dataSource, actions),
    returns: new CaseReturnsService(actions),
    notes: new CaseNotesService(actions),
    unfixable: new CaseUnfixableService(actions),
    timeline: new CaseTimelineService(dataSource),
  };
}

/** A first-round dispatch of a case to `lead`, as routing announces it. */
export function dispatchedTo(lead: string, options: { categoryCode?: string; assistants?: string[] } = {}) {
  return createEvent('case.dispatched', randomUUID(), {
    departmentCode: lead,
    departmentName: lead,
    categoryCode: options.categoryCode ?? 'sewage',
    gridCode: 'kaizhou.hanfeng.binhu.g01',
    description: '污水外溢',
    dueAt: '2099-01-01T00:00:00.000Z',
    assistingUnitCodes: options.assistants ?? [],
    copiedUnitCodes: [],
    gridNotified: false,
    rule: 'catalogue',
    directoryVersion: 1,
    round: 1,
    returnable: true,
  });
}
