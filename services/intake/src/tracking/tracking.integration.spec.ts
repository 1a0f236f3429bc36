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

describe('tracking codes on receipts and the public status, on real Postgres', () => {
  let service: ServiceInProcess;
  const apiKey = generateApiKey('hotline_12345');
  const report = (description: string, idempotencyKey?: string) =>
    service.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${apiKey}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
      payload: { category: 'manhole_cover', description, channel: 'hotline', location: { gridCode: 'kaizhou.hanfeng.binhu.g01' }, reporter: { name: '王先生', phone: '13912345678' } },
    });

  beforeAll(async () => {
    service = await startServiceInProcess({ service: 'intake', envClass: IntakeEnv, database: intakeDatabase, module: AppModule.register, api: INTAKE_API });
    const dataSource = service.app.get(DataSource);
    await seedIntake(dataSource, { integrations: [{ code: 'hotline_12345', name: '12345', apiKeyHash: hashApiKey(apiKey) }] });
    await dataSource.transaction((manager) => service.app.get(ReferenceService).apply(manager, [sampleDirectory()]));
  });
  afterAll(() => service?.stop());

  it('gives each case its own short code, the same again on a retried call', async () => {
    const receipts = (await Promise.all(Array.from({ length: 20 }, (_, i) => report(`井盖缺失 ${i}`)))).map((answer) => answer.json());
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
});
