import { DataSource } from 'typeorm';
import { generateApiKey, hashApiKey } from '@gridwhistle/platform';
import { ServiceInProcess, startServiceInProcess } from '@gridwhistle/testing';
import { AppModule } from '../app.module';
import { intakeDatabase } from '../database';
import { seedIntake } from '../database/intake.seed';
import { INTAKE_API } from '../intake.api';
import { IntakeEnv } from '../intake.env';
import { ReferenceService } from '../reference/reference.service';
import { sampleDirectory } from '../reference/sample-directory.fixture';

describe('tracking codes, and the same requester\u2019s repeats, on real Postgres', () => {
  let service: ServiceInProcess;
  const apiKey = generateApiKey('hotline_12345');
  const report = (description: string, idempotencyKey?: string, reporter: object = { name: '王先生', phone: '13912345678' }, gridCode = 'kaizhou.hanfeng.binhu.g01') =>
    service.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${apiKey}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      payload: { category: 'manhole_cover', description, channel: 'hotline', location: { gridCode }, reporter },
    });

  beforeAll(async () => {
    service = await startServiceInProcess({ service: 'intake', envClass: IntakeEnv, database: intakeDatabase, module: AppModule.register, api: INTAKE_API });
    const dataSource = service.app.get(DataSource);
    await seedIntake(dataSource, { integrations: [{ code: 'hotline_12345', name: '12345', apiKeyHash: hashApiKey(apiKey) }] });
    await dataSource.transaction((manager) => service.app.get(ReferenceService).apply(manager, [sampleDirectory()]));
  });
  afterAll(() => service?.stop());

  it('gives each case its own short code, the same again on a retried call', async () => {
    const receipts = (await Promise.all(Array.from({ length: 20 }, (_, i) => report(`井盖缺失 ${i}`, undefined, { phone: `1370000${String(i).padStart(4, '0')}` })))).map((answer) => answer.json());
    const codes = receipts.map((receipt) => receipt.trackingCode);
    expect(codes.every((code) => /^[2-9A-HJKMNP-Z]{7}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    const [first, retry] = [await report('重复呼叫', 'call-track-1'), await report('重复呼叫', 'call-track-1')];
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().trackingCode).toBe(first.json().trackingCode);
  });

  it('shows the public view for the code typed in any case, with no personal data, and 404 for another', async () => {
    const receipt = (await report('滨湖路14号井盖缺失')).json();
    const typed = `${receipt.trackingCode.slice(0, 3)}-${receipt.trackingCode.slice(3)}`.toLowerCase();
    const tracked = await service.app.inject({ method: 'GET', url: `/v1/track/${typed}` });
    expect(tracked.statusCode).toBe(200);
    const byId = await service.app.inject({ method: 'GET', url: `/v1/cases/${receipt.id}` });
    expect(tracked.json()).toEqual(byId.json());
    expect(tracked.json()).toMatchObject({ id: receipt.id, trackingCode: receipt.trackingCode, status: 'reported' });
    expect(tracked.body).not.toMatch(/王先生|13912345678/);
    const unknown = await service.app.inject({ method: 'GET', url: '/v1/track/2222222' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await service.app.inject({ method: 'GET', url: '/v1/track/O0O0O0O' })).statusCode).toBe(404);
  });

  it('answers the same requester\u2019s repeat with no new facts 200 with the open case; new facts, another grid or a closed case make a new one', async () => {
    const first = await report('迎宾大道100号路灯下井盖被偷，已经三天了', undefined, { phone: '13655550001' }, 'kaizhou.hanfeng.yingbin.g02');
    expect(first.statusCode).toBe(201);
    const again = await report('井盖被偷 ， 已经三天了', undefined, { phone: '+86 136-5555-0001' }, 'kaizhou.hanfeng.yingbin.g02');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...first.json(), repeat: true });
    expect(again.headers.location).toBe(`/v1/cases/${first.json().id}`);
    const newFacts = await report('迎宾大道100号 井盖被偷，今天有小孩掉进去受伤', undefined, { phone: '13655550001' }, 'kaizhou.hanfeng.yingbin.g02');
    const otherGrid = await report('井盖被偷', undefined, { phone: '13655550001' }, 'kaizhou.hanfeng.yingbin.g03');
    const otherPerson = await report('井盖被偷', undefined, { phone: '13655550002' }, 'kaizhou.hanfeng.yingbin.g02');
    expect([newFacts, otherGrid, otherPerson].map((answer) => answer.statusCode)).toEqual([201, 201, 201]);
    const dataSource = service.app.get(DataSource);
    await dataSource.query(`UPDATE intake.cases SET status = 'closed' WHERE id = ANY($1::uuid[])`, [[first.json().id, newFacts.json().id]]);
    expect((await report('井盖被偷', undefined, { phone: '13655550001' }, 'kaizhou.hanfeng.yingbin.g02')).statusCode).toBe(201);
    // The index holds a keyed hash of the phone, never the phone itself.
    const stored: { requester_hash: Buffer; reporter: Buffer }[] = await dataSource.query(`SELECT requester_hash, reporter FROM intake.cases WHERE id = $1`, [first.json().id]);
    expect(stored[0].requester_hash).toHaveLength(32);
    expect(Buffer.concat([stored[0].requester_hash, stored[0].reporter]).toString('latin1')).not.toContain('13655550001');
  });
});
