import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { EventEnvelope, createEvent, parseEvent } from '@gridwhistle/contracts';
import { OutboxWriter, TransientFailures } from '@gridwhistle/messaging';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource, outboxEventCounts } from '@gridwhistle/testing';
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
      description: '井盖缺失',
      reportedAt: new Date().toISOString(),
      integrationCode,
    });
  const consumeReported = (...events: EventEnvelope<'case.reported'>[]) =>
    dataSource.transaction((manager) => callbacks.rememberReporters(manager, events));
  const consumeResolved = (caseId: string) =>
    dataSource.transaction((manager) =>
      callbacks.awaitFeedback(manager, [createEvent('case.resolved', caseId, { departmentCode: 'urban_management', resolution: '已更换井盖' })]),
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
    callbacks = new CallbacksService(dataSource, new OutboxWriter('feedback', { validateContracts: true }), new TransientFailures(dataSource), new Registry());
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

  it('records grades sent together in shared transactions, each with its own answer', async () => {
    const cases = Array.from({ length: 30 }, () => randomUUID());
    for (const caseId of cases) {
      await consumeReported(reportedBy(caseId, 'hotline_12345'));
      await consumeResolved(caseId);
    }
    const [first, second, third] = cases;
    const answers = await Promise.all([
      ...cases.map((caseId) => grade(caseId, 'hotline_12345')),
      grade(first, 'hotline_12345'), // a retry in the same group: answered as the first, counted once
      callbacks.record(second, 'unsatisfied', 'hotline_12345').catch((error: HttpException) => error.getStatus()), // another rating: a conflict
      grade(third, 'grid_app'), // not the reporter: as if the case did not exist
      grade(randomUUID(), 'hotline_12345'),
    ]);
    expect(answers.slice(0, cases.length).map((a) => a.status)).toEqual(cases.map(() => 200));
    expect(answers.slice(cases.length)).toEqual([
      { status: 200, body: answers[0].body },
      409,
      expect.objectContaining({ status: 404 }),
      expect.objectContaining({ status: 404 }),
    ]);
    const rows: { status: string; tx: string }[] = await dataSource.query(
      'SELECT status, xmin::text AS tx FROM feedback.callbacks WHERE case_id = ANY($1::uuid[])',
      [cases],
    );
    expect(rows.map((row) => row.status)).toEqual(cases.map(() => 'closed'));
    expect(new Set(rows.map((row) => row.tx)).size).toBeLessThan(cases.length);
    expect(await outboxEventCounts(dataSource, 'feedback', cases)).toEqual({ 'case.closed': cases.length, 'case.graded': cases.length });
  });
});
