import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Browser, Page } from 'puppeteer-core';
import { DataSource } from 'typeorm';
import { createEvent, signFeedbackLink } from '@gridwhistle/contracts';
import { ServiceInProcess, launchChromium, startServiceInProcess } from '@gridwhistle/testing';
import { AppModule } from '../app.module';
import { CallbacksService } from '../callbacks/callbacks.service';
import { feedbackDatabase } from '../database';
import { FEEDBACK_API } from '../feedback.api';
import { FeedbackEnv } from '../feedback.env';
import { FeedbackClock } from '../policy/feedback.clock';

/**
 * The resident's page in real headless Chromium, with JavaScript off and a phone's screen, on
 * the feedback service started as main.ts starts it (real Postgres and Kafka).
 */
describe('the resident\u2019s feedback page', () => {
  let service: ServiceInProcess;
  let browser: Browser;
  let dataSource: DataSource;
  const key = Buffer.from(new FeedbackEnv().FEEDBACK_LINK_KEY, 'base64');
  const HOUR = 3_600_000;

  beforeAll(async () => {
    [service, browser] = await Promise.all([
      startServiceInProcess({ service: 'feedback', envClass: FeedbackEnv, database: feedbackDatabase, module: AppModule.register, api: FEEDBACK_API }),
      launchChromium(),
    ]);
    dataSource = service.app.get(DataSource);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  /** An app case resolved now, and the link intake would send its resident. */
  async function appCase(): Promise<{ caseId: string; url: string; nonce: string; expiresAt: Date }> {
    const caseId = randomUUID();
    const callbacks = service.app.get(CallbacksService);
    await dataSource.transaction(async (manager) => {
      await callbacks.rememberReporters(manager, [
        createEvent('case.reported', caseId, { categoryCode: 'street_light', gridCode: 'kaizhou.hanfeng.binhu.g01', channel: 'resident_app', description: '小区门口路灯不亮', reportedAt: new Date().toISOString(), integrationCode: 'resident_app' }),
      ]);
      await callbacks.awaitFeedback(manager, [createEvent('case.resolved', caseId, { departmentCode: 'urban_management', resolution: '已更换灯泡' })]);
    });
    const [{ nonce, expires_at }] = await dataSource.query('SELECT nonce, expires_at FROM feedback.links WHERE case_id = $1', [caseId]);
    const token = signFeedbackLink(key, { caseId, nonce, expiresAt: expires_at });
    return { caseId, nonce, expiresAt: expires_at, url: `${await service.app.getUrl()}/feedback/${token}` };
  }

  async function phone(): Promise<Page> {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setViewport({ width: 360, height: 740, isMobile: true });
    return page;
  }
  const text = (page: Page) => page.evaluate('document.body.innerText') as Promise<string>;

  it('shows the case and its timeline, takes the answer, confirms it, and closes the case; the link then opens nothing', async () => {
    const { caseId, url } = await appCase();
    const page = await phone();
    const shown = await page.goto(url);
    expect(shown?.status()).toBe(200);
    expect(shown?.headers()['content-type']).toMatch(/^text\/html/);
    expect(shown?.headers()['referrer-policy']).toBe('no-referrer');
    expect(await text(page)).toEqual(expect.stringContaining('小区门口路灯不亮'));
    expect(await text(page)).toEqual(expect.stringContaining('承办单位办结：已更换灯泡'));
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

    await page.click('input[name=solved][value=yes]');
    await page.click('input[name=rating][value=satisfied]');
    await page.type('textarea[name=comment]', '很快就修好了');
    const [confirmed] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(confirmed?.status()).toBe(200);
    expect(await text(page)).toEqual(expect.stringContaining('评价已提交'));
    expect(await text(page)).toEqual(expect.stringContaining('已办结销号'));
    const [callback] = await dataSource.query('SELECT status, outcome, graded_by FROM feedback.callbacks WHERE case_id = $1', [caseId]);
    expect(callback).toEqual({ status: 'closed', outcome: 'solved_satisfied', graded_by: 'resident' });

    const reused = await page.goto(url);
    expect(reused?.status()).toBe(410);
    expect(await text(page)).toEqual(expect.stringContaining('链接已使用'));
    await page.close();
  });

  it('sends an unsolved case back and says so', async () => {
    const { caseId, url } = await appCase();
    const page = await phone();
    await page.goto(url);
    await page.click('input[name=solved][value=no]');
    await page.click('input[name=rating][value=basically_satisfied]');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(await text(page)).toEqual(expect.stringContaining('重新办理'));
    const types = await dataSource.query(`SELECT type FROM feedback.outbox WHERE case_id = $1 ORDER BY seq`, [caseId]);
    expect(types.map((row: { type: string }) => row.type)).toEqual(['case.feedback_requested', 'case.graded', 'case.reopened']);
    await page.close();
  });

  it('shows a clear page for an expired link, and a forged or altered one', async () => {
    const { caseId, nonce, expiresAt, url } = await appCase();
    const page = await phone();
    // Past the link's validity: also the answer window, so the no-feedback timer may close the case meanwhile.
    service.app.get(FeedbackClock).advance(73 * HOUR);
    try {
      const expired = await page.goto(url);
      expect(expired?.status()).toBe(410);
      expect(await text(page)).toEqual(expect.stringContaining('链接已过期'));
    } finally {
      service.app.get(FeedbackClock).advance(-73 * HOUR);
    }
    const base = url.slice(0, url.lastIndexOf('/') + 1);
    const forgeries = [
      signFeedbackLink(randomBytes(32), { caseId, nonce, expiresAt }),
      signFeedbackLink(key, { caseId, nonce: randomBytes(18).toString('base64url'), expiresAt }),
      signFeedbackLink(key, { caseId: randomUUID(), nonce, expiresAt }),
      signFeedbackLink(key, { caseId, nonce, expiresAt: new Date(expiresAt.getTime() + 100 * HOUR) }),
      'not-a-token',
    ];
    for (const token of forgeries) {
      const forged = await page.goto(base + token);
      expect({ token, status: forged?.status() }).toEqual({ token, status: 404 });
      expect(await text(page)).toEqual(expect.stringContaining('链接无效'));
    }
    await page.close();
  });

  it('answers an incomplete form with the page again, saying what is missing, and takes nothing', async () => {
    const { caseId, url } = await appCase();
    const answer = await service.app.inject({ method: 'POST', url: new URL(url).pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'solved=yes' });
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.body).toContain('请选择您的满意程度');
    const [callback] = await dataSource.query('SELECT status FROM feedback.callbacks WHERE case_id = $1', [caseId]);
    expect(callback.status).toBe('awaiting_feedback');
    // The JSON API still takes JSON only.
    const form = await service.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/feedback`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'rating=satisfied' });
    expect(form.statusCode).toBe(415);
  });
});
