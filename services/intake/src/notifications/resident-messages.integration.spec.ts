import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createEvent, feedbackLinkExpiry, verifyFeedbackLink } from '@gridwhistle/contracts';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource } from '@gridwhistle/testing';
import { intakeDatabase } from '../database/intake.database';
import { CaseEntity } from '../cases/case.entity';
import { ReporterCipher } from '../privacy/reporter-cipher';
import { FeedbackLinkSettings, ResidentMessagesSender } from './resident-messages.sender';
import { FileNotifier, WebhookNotifier } from './resident-notifier';

/** Residents' feedback links, signed and sent by intake, on real Postgres. */
describe('sending residents their feedback links', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  const cipher = new ReporterCipher(randomBytes(32).toString('base64'));
  const settings = new FeedbackLinkSettings(randomBytes(32), 'https://feedback.example.gov.cn/feedback/');

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('intake')]);
    dataSource = await migratedDataSource(intakeDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
    await dataSource.query(`INSERT INTO intake.categories VALUES ('street_light', '路灯')`);
    await dataSource.query(`INSERT INTO intake.areas VALUES ('g01', '滨湖一网格', 'grid', NULL)`);
    await dataSource.query(`INSERT INTO intake.integrations VALUES ('resident_app', '居民App', 'not-a-real-key-hash')`);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  /** A case reported with (or without) a phone, and feedback's request for its link. */
  async function requested(phone?: string) {
    const caseId = randomUUID();
    await dataSource.getRepository(CaseEntity).insert({
      id: caseId, categoryCode: 'street_light', gridCode: 'g01', channel: 'resident_app', description: '路灯不亮',
      reporter: phone ? cipher.encrypt({ name: '李女士', phone }) : null, status: 'resolved', reportedBy: 'resident_app', idempotencyKey: null, requestFingerprint: null, traceparent: '',
    });
    const event = createEvent('case.feedback_requested', caseId, { nonce: randomBytes(18).toString('base64url'), expiresAt: feedbackLinkExpiry(new Date(), 72).toISOString() });
    await dataSource.transaction((m) => ResidentMessagesSender.keep(m, [event, event]));
    return { caseId, nonce: event.payload.nonce };
  }
  const statusOf = async (nonce: string) => (await dataSource.query('SELECT status, attempts FROM intake.resident_messages WHERE nonce = $1', [nonce]))[0];

  it('writes a link that feedback can verify to a file a person reads, with the phone masked; a case without a phone gets none', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'gw-sms-')), 'messages.log');
    const sender = new ResidentMessagesSender(dataSource, new FileNotifier(file), cipher, settings);
    const withPhone = await requested('13812345678');
    const withoutPhone = await requested();
    await sender.sendDue();
    const written = await readFile(file, 'utf8');
    expect(written).toContain('138****5678');
    expect(written).not.toContain('13812345678');
    const token = written.match(/feedback\/([A-Za-z0-9_-]+)/)![1];
    expect(verifyFeedbackLink(settings.key, token)).toMatchObject({ caseId: withPhone.caseId, nonce: withPhone.nonce });
    expect(await statusOf(withPhone.nonce)).toEqual({ status: 'sent', attempts: 1 });
    expect(await statusOf(withoutPhone.nonce)).toEqual({ status: 'no_contact', attempts: 1 });
    await sender.sendDue();
    expect((await readFile(file, 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('retries through a gateway outage with the same idempotency key, and sends once it is back', async () => {
    const received: { key: string; body: { to: string; text: string } }[] = [];
    let down = true;
    const gateway: Server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk)).on('end', () => {
        received.push({ key: String(request.headers['idempotency-key']), body: JSON.parse(body) });
        response.statusCode = down ? 503 : 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
      const sender = new ResidentMessagesSender(dataSource, new WebhookNotifier(url), cipher, settings);
      const { nonce } = await requested('13900001111');
      await dataSource.query(`UPDATE intake.resident_messages SET status = 'sent' WHERE nonce <> $1 AND status = 'pending'`, [nonce]);
      expect(await sender.sendDue()).toBe(0);
      expect(await statusOf(nonce)).toEqual({ status: 'pending', attempts: 1 });
      down = false;
      expect(await sender.sendDue()).toBe(0); // not due yet: backoff
      expect(await sender.sendDue(new Date(Date.now() + 60_000))).toBe(1);
      expect(await statusOf(nonce)).toEqual({ status: 'sent', attempts: 2 });
      expect(received.map((r) => r.key)).toEqual([nonce, nonce]);
      expect(received[1].body.to).toBe('13900001111');
      expect(received[1].body.text).toMatch(/^【12345】.*https:\/\/feedback\.example\.gov\.cn\/feedback\/[A-Za-z0-9_-]{72}$/);
    } finally {
      gateway.close();
    }
  });
});
