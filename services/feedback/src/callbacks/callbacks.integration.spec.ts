import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { EventEnvelope, ResolutionOutcome, createEvent, parseEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource } from '@gridwhistle/testing';
import { feedbackDatabase } from '../database/feedback.database';
import { CallbacksService } from './callbacks.service';

/**
 * Who may grade a case, on real Postgres: only the integration that reported it, whichever
 * of case.reported (intake's topic) and case.resolved (the department's) arrives first.
 */
describe('grading by the reporting integration only', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  let callbacks: CallbacksService;

  const reportedBy = (caseId: string, integrationCode: string) =>
    createEvent('case.reported', caseId, {
      categoryCode: 'manhole_cover',
      gridCode: 'kaizhou.hanfeng.binhu.g01',
      channel: 'hotline',
      requestKind: 'report',
      description: '井盖缺失',
      reportedAt: new Date().toISOString(),
      integrationCode,
    });
  const consumeReported = (...events: EventEnvelope<'case.reported'>[]) =>
    dataSource.transaction((manager) => callbacks.rememberReporters(manager, events));
  const consumeResolved = (caseId: string, outcome: ResolutionOutcome = 'fixed') =>
    dataSource.transaction((manager) =>
      callbacks.awaitFeedback(manager, [createEvent('case.resolved', caseId, { departmentCode: 'urban_management', resolution: '已更换井盖', outcome, evidence: [] })]),
    );
  /** What the API would answer: the body of the result, or of the HTTP error with its status. */
  const grade = (caseId: string, integrationCode: string) =>
    callbacks.record(caseId, 'satisfied', integrationCode).then(
      (body) => ({ status: 200, body }),
      (error: HttpException) => ({ status: error.getStatus(), body: error.getResponse() }),
    );

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('feedback')]);
    dataSource = await migratedDataSource(feedbackDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
    callbacks = new CallbacksService(dataSource, new OutboxWriter('feedback'), new Registry());
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  it('answers another integration exactly as for a case that does not exist, and lets the reporter grade', async () => {
    const caseId = randomUUID();
    await consumeReported(reportedBy(caseId, 'hotline_12345'));
    const notYetResolved = await grade(caseId, 'hotline_12345');
    expect(notYetResolved.status).toBe(404);

    await consumeResolved(caseId);
    expect(await grade(caseId, 'grid_app')).toEqual(notYetResolved);
    expect(await grade(caseId, 'hotline_12345')).toMatchObject({ status: 200, body: { caseId, rating: 'satisfied', caseClosed: true } });
    // Once graded, too, the other integration learns nothing: not even a 409.
    expect(await grade(caseId, 'grid_app')).toEqual(notYetResolved);
    const [graded] = await dataSource.query('SELECT graded_by FROM feedback.callbacks WHERE case_id = $1', [caseId]);
    expect(graded.graded_by).toBe('hotline_12345');
  });

  it('grades a case closed as cannot be fixed as such, and reads version 1 of case.resolved as a fix', async () => {
    const unfixable = randomUUID();
    await consumeReported(reportedBy(unfixable, 'hotline_12345'));
    await consumeResolved(unfixable, 'cannot_fix');
    expect(await grade(unfixable, 'hotline_12345')).toMatchObject({ status: 200, body: { outcome: 'cannot_fix', rating: 'satisfied', caseClosed: true } });

    const older = randomUUID();
    await consumeReported(reportedBy(older, 'hotline_12345'));
    // As an event written before version 2 arrives from the wire.
    const current = createEvent('case.resolved', older, { departmentCode: 'urban_management', resolution: '已更换井盖', outcome: 'fixed', evidence: [] });
    const v1 = parseEvent({ ...current, version: 1, payload: { departmentCode: 'urban_management', resolution: '已更换井盖' } }) as EventEnvelope<'case.resolved'>;
    await dataSource.transaction((manager) => callbacks.awaitFeedback(manager, [v1]));
    expect(await grade(older, 'hotline_12345')).toMatchObject({ status: 200, body: { outcome: 'fixed' } });
  });

  it('grades once both events have arrived, whichever came first', async () => {
    const resolvedFirst = randomUUID();
    await consumeResolved(resolvedFirst);
    expect((await grade(resolvedFirst, 'grid_app')).status).toBe(404);
    await consumeReported(reportedBy(resolvedFirst, 'grid_app'));
    expect((await grade(resolvedFirst, 'hotline_12345')).status).toBe(404);
    expect((await grade(resolvedFirst, 'grid_app')).status).toBe(200);

    const reportedFirst = randomUUID();
    await consumeReported(reportedBy(reportedFirst, 'grid_app'));
    await consumeResolved(reportedFirst);
    expect((await grade(reportedFirst, 'grid_app')).status).toBe(200);
  });

  it('keeps the first reporter when a case is announced again', async () => {
    const caseId = randomUUID();
    await consumeReported(reportedBy(caseId, 'hotline_12345'));
    await consumeReported(reportedBy(caseId, 'grid_app'));
    await consumeResolved(caseId);
    expect((await grade(caseId, 'grid_app')).status).toBe(404);
    expect((await grade(caseId, 'hotline_12345')).status).toBe(200);
  });

  it('lets nobody grade a case announced by version 1, which names no integration', async () => {
    const caseId = randomUUID();
    const v2 = reportedBy(caseId, 'hotline_12345');
    const v1 = parseEvent({ ...v2, version: 1 }) as EventEnvelope<'case.reported'>;
    expect(v1.payload).not.toHaveProperty('integrationCode');
    await consumeReported(v1);
    await consumeResolved(caseId);
    expect((await grade(caseId, 'hotline_12345')).status).toBe(404);
    expect((await grade(caseId, 'grid_app')).status).toBe(404);
  });
});
