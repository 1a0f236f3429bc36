import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent } from '@gridwhistle/contracts';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource } from '@gridwhistle/testing';
import { deskServices } from '../department.testing';
import { departmentDatabase } from '../database/department.database';
import { DepartmentCasesService } from './department-cases.service';
import { reopenCases } from './case-reopening';

/** A case sent back by the resident's answer (重办), on real Postgres. */
describe('reopening a case', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  let cases: DepartmentCasesService;

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('department')]);
    dataSource = await migratedDataSource(departmentDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
    cases = deskServices(dataSource).cases;
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  const reopened = (caseId: string, reopenCount: number) =>
    createEvent('case.reopened', caseId, { leadUnitCode: 'urban_management', outcome: 'solved_unsatisfied', reopenCount, supervisionLevel: reopenCount, policyVersion: '2026-01' });
  const reopen = (...events: ReturnType<typeof reopened>[]) => dataSource.transaction((manager) => reopenCases(manager, events));
  const rows = (caseId: string) =>
    dataSource.query(
      'SELECT department_code AS unit, role, status, reopen_count, supervision_level, resolution FROM department.cases WHERE case_id = $1 ORDER BY department_code',
      [caseId],
    );

  it('puts the lead and its assistants back to work one supervision level higher, leaves the units copied alone, and ignores a repeat', async () => {
    const caseId = randomUUID();
    await dataSource.transaction((manager) =>
      cases.receive(manager, [
        createEvent('case.dispatched', caseId, {
          departmentCode: 'urban_management',
          departmentName: '城管',
          categoryCode: 'illegal_construction',
          gridCode: 'kaizhou.hanfeng.binhu.g01',
          description: '违章搭建',
          dueAt: '2026-11-24T08:00:00.000Z',
          assistingUnitCodes: ['planning'],
          copiedUnitCodes: ['hanfeng_street'],
          gridNotified: false,
          rule: 'major_matter',
          directoryVersion: 1,
          round: 1,
          returnable: true,
        }),
      ]),
    );
    await cases.acknowledge('urban_management', caseId);
    await cases.resolve('urban_management', caseId, { resolution: '已拆除' });
    await cases.acknowledge('planning', caseId);

    await reopen(reopened(caseId, 1));
    expect(await rows(caseId)).toEqual([
      { unit: 'hanfeng_street', role: 'copied', status: 'dispatched', reopen_count: 0, supervision_level: 0, resolution: null },
      { unit: 'planning', role: 'assistant', status: 'dispatched', reopen_count: 1, supervision_level: 1, resolution: null },
      { unit: 'urban_management', role: 'lead', status: 'dispatched', reopen_count: 1, supervision_level: 1, resolution: null },
    ]);
    expect(await cases.get('urban_management', caseId)).toMatchObject({ status: 'dispatched', reopenCount: 1, supervisionLevel: 1 });

    // The lead works on it again; the same reopening heard again does not undo that.
    await cases.acknowledge('urban_management', caseId);
    await reopen(reopened(caseId, 1));
    expect(await cases.get('urban_management', caseId)).toMatchObject({ status: 'acknowledged', reopenCount: 1 });
    await cases.resolve('urban_management', caseId, { resolution: '已拆除并复查' });
    await reopen(reopened(caseId, 2));
    expect(await cases.get('urban_management', caseId)).toMatchObject({ status: 'dispatched', reopenCount: 2, supervisionLevel: 2 });
  });
});
