import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Rating, createEvent } from '@gridwhistle/contracts';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource } from '@gridwhistle/testing';
import { feedbackDatabase } from '../database/feedback.database';
import { feedbackServices } from '../feedback.testing';

/** Every outcome of an answer, reopening to the limit, and the no-answer timer, on real Postgres. */
describe('answers and what they do to a case', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  let services: ReturnType<typeof feedbackServices>;

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('feedback')]);
    dataSource = await migratedDataSource(feedbackDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
    services = feedbackServices(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  const HOTLINE = 'hotline_12345';
  const reported = (caseId: string, channel: 'hotline' | 'resident_app' = 'hotline') =>
    dataSource.transaction((m) =>
      services.callbacks.rememberReporters(m, [
        createEvent('case.reported', caseId, { categoryCode: 'street_light', gridCode: 'kaizhou.hanfeng.binhu.g01', channel, description: '路灯不亮', reportedAt: new Date().toISOString(), integrationCode: HOTLINE }),
      ]),
    );
  const resolved = (caseId: string, at = new Date()) =>
    dataSource.transaction((m) =>
      services.callbacks.awaitFeedback(m, [createEvent('case.resolved', caseId, { departmentCode: 'urban_management', resolution: '已修复' }, { occurredAt: at })]),
    );
  const answer = (caseId: string, solved: boolean, rating: Rating, comment?: string) =>
    services.callbacks.record(caseId, { solved, rating, ...(comment ? { comment } : {}) }, HOTLINE);
  type Emitted = { type: string; version: number; payload: object };
  const emitted = async (caseId: string): Promise<Emitted[]> =>
    (await dataSource.query(`SELECT envelope FROM feedback.outbox WHERE case_id = $1 ORDER BY seq`, [caseId])).map(
      ({ envelope }: { envelope: Emitted }) => ({ type: envelope.type, version: envelope.version, payload: envelope.payload }),
    );
  const newCase = async (channel: 'hotline' | 'resident_app' = 'hotline') => {
    const caseId = randomUUID();
    await reported(caseId, channel);
    await resolved(caseId);
    return caseId;
  };

  it('closes a solved and (basically) satisfied case, and keeps the comment encrypted', async () => {
    const caseId = await newCase();
    expect(await answer(caseId, true, 'basically_satisfied', '灯亮了，张师傅很负责')).toMatchObject({ outcome: 'solved_satisfied', caseClosed: true, reopened: false });
    expect(await emitted(caseId)).toEqual([
      { type: 'case.graded', version: 2, payload: { rating: 'basically_satisfied', solved: true, outcome: 'solved_satisfied', reopenCount: 0 } },
      { type: 'case.closed', version: 2, payload: { outcome: 'solved_satisfied', rating: 'basically_satisfied', reopenCount: 0 } },
    ]);
    const [{ comment }] = await dataSource.query('SELECT comment FROM feedback.answers WHERE case_id = $1', [caseId]);
    expect(comment.toString('latin1')).not.toContain('张师傅');
    expect(services.comments.decrypt(comment)).toBe('灯亮了，张师傅很负责');
  });

  it.each([
    [true, 'unsatisfied', 'solved_unsatisfied'],
    [false, 'satisfied', 'unsolved_satisfied'],
    [false, 'unsatisfied', 'unsolved_unsatisfied'],
  ] as const)('reopens a case answered solved=%s, %s as %s, to its lead one supervision level higher', async (solved, rating, outcome) => {
    const caseId = await newCase();
    expect(await answer(caseId, solved, rating)).toMatchObject({ outcome, caseClosed: false, reopened: true, reopenCount: 1 });
    expect((await emitted(caseId)).map((e) => e.type)).toEqual(['case.graded', 'case.reopened']);
    expect((await emitted(caseId))[1].payload).toEqual({ leadUnitCode: 'urban_management', outcome, reopenCount: 1, supervisionLevel: 1, policyVersion: '2026-01' });
    // A retry of the same answer answers as the first did; another answer is a conflict.
    expect(await answer(caseId, solved, rating)).toMatchObject({ outcome, reopened: true });
    await expect(answer(caseId, true, 'satisfied')).rejects.toMatchObject({ status: 409 });
  });

  it('reopens as often as the policy allows, then sends the case to the command centre', async () => {
    const caseId = await newCase();
    await answer(caseId, false, 'unsatisfied');
    await resolved(caseId);
    expect(await answer(caseId, true, 'unsatisfied')).toMatchObject({ reopened: true, reopenCount: 2 });
    await resolved(caseId);
    expect(await answer(caseId, false, 'satisfied')).toMatchObject({ reopened: false, caseClosed: false, reopenCount: 2 });
    const events = await emitted(caseId);
    expect(events.map((e) => e.type)).toEqual(['case.graded', 'case.reopened', 'case.graded', 'case.reopened', 'case.graded', 'case.reopen_limit_reached']);
    expect(events[5].payload).toEqual({ leadUnitCode: 'urban_management', outcome: 'unsolved_satisfied', reopenCount: 2, reopenLimit: 2, policyVersion: '2026-01' });
    const answers = await dataSource.query('SELECT reopen_count, outcome FROM feedback.answers WHERE case_id = $1 ORDER BY reopen_count', [caseId]);
    expect(answers).toEqual([
      { reopen_count: 0, outcome: 'unsolved_unsatisfied' },
      { reopen_count: 1, outcome: 'solved_unsatisfied' },
      { reopen_count: 2, outcome: 'unsolved_satisfied' },
    ]);
  });

  it('closes as "no feedback" what nobody answered within the window, and only that', async () => {
    const hour = 3_600_000;
    const overdue = randomUUID();
    await reported(overdue);
    await resolved(overdue, new Date(Date.now() - 71 * hour));
    const answered = randomUUID();
    await reported(answered);
    await resolved(answered, new Date(Date.now() - 71 * hour));
    await answer(answered, true, 'satisfied');
    const fresh = await newCase();

    expect(await services.timer.sweep()).toBe(0);
    services.clock.advance(2 * hour);
    await services.timer.sweep();
    expect(await emitted(overdue)).toEqual([{ type: 'case.closed', version: 2, payload: { outcome: 'no_feedback', reopenCount: 0 } }]);
    const [row] = await dataSource.query('SELECT status, outcome FROM feedback.callbacks WHERE case_id = $1', [overdue]);
    expect(row).toEqual({ status: 'closed', outcome: 'no_feedback' });
    expect((await emitted(answered)).map((e) => e.type)).toEqual(['case.graded', 'case.closed']);
    expect(await emitted(fresh)).toEqual([]);
    await expect(answer(overdue, true, 'satisfied')).rejects.toMatchObject({ status: 409 });
  });

  it('asks the resident of an app case through a link once per round, and the hotline\u2019s residents not at all', async () => {
    const app = await newCase('resident_app');
    const phone = await newCase('hotline');
    const requested = (await emitted(app)).filter((e) => e.type === 'case.feedback_requested');
    expect(requested).toEqual([{ type: 'case.feedback_requested', version: 1, payload: { nonce: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/), expiresAt: expect.any(String) } }]);
    expect(await emitted(phone)).toEqual([]);
    await reported(app, 'resident_app');
    expect((await emitted(app)).filter((e) => e.type === 'case.feedback_requested')).toHaveLength(1);
  });
});
