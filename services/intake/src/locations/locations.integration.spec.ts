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
import { wgs84ToGcj02 } from './gcj02';

/** Inside 滨湖社区第三网格, 60 m from its western edge: GCJ-02's ~500 m shift would land it elsewhere if taken as WGS-84. */
const IN_BINHU_G03 = { lat: 31.155, long: 108.3866 };

describe('locations: coordinates in both systems and addresses, on real Postgres', () => {
  let service: ServiceInProcess;
  const apiKey = generateApiKey('hotline_12345');
  const locate = (query: string) => service.app.inject({ method: 'GET', url: `/v1/locate?${query}` });
  const report = (location: object) =>
    service.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${apiKey}` },
      payload: { category: 'manhole_cover', description: '井盖缺失', channel: 'hotline', location },
    });

  beforeAll(async () => {
    service = await startServiceInProcess({ service: 'intake', envClass: IntakeEnv, database: intakeDatabase, module: AppModule.register, api: INTAKE_API });
    const dataSource = service.app.get(DataSource);
    await seedIntake(dataSource, { integrations: [{ code: 'hotline_12345', name: '12345', apiKeyHash: hashApiKey(apiKey) }] });
    await dataSource.transaction((manager) => service.app.get(ReferenceService).apply(manager, [sampleDirectory()]));
  });
  afterAll(() => service?.stop());

  it('locates WGS-84 coordinates, and GCJ-02 ones from Chinese map apps converted to WGS-84', async () => {
    const wgs = await locate(`lat=${IN_BINHU_G03.lat}&long=${IN_BINHU_G03.long}`);
    expect(wgs.json()).toEqual({ grid: { code: 'kaizhou.hanfeng.binhu.g03', name: '滨湖社区第三网格' }, wgs84: IN_BINHU_G03 });
    const gcj = wgs84ToGcj02(IN_BINHU_G03);
    const fromMapApp = (await locate(`lat=${gcj.lat}&long=${gcj.long}&system=gcj02`)).json();
    expect(fromMapApp.grid.code).toBe('kaizhou.hanfeng.binhu.g03');
    expect(fromMapApp.wgs84.lat).toBeCloseTo(IN_BINHU_G03.lat, 5);
    expect(fromMapApp.wgs84.long).toBeCloseTo(IN_BINHU_G03.long, 5);
    // The same numbers taken as WGS-84 are hundreds of metres away, in another grid.
    expect((await locate(`lat=${gcj.lat}&long=${gcj.long}`)).json().grid.code).not.toBe('kaizhou.hanfeng.binhu.g03');
  });

  it('locates addresses as written, and answers an ambiguous one 400 naming its candidates', async () => {
    const address = await locate(`address=${encodeURIComponent('开州区 滨湖路６０号 6栋')}`);
    expect(address.json()).toMatchObject({ grid: { code: 'kaizhou.hanfeng.binhu.g03' }, wgs84: { lat: expect.any(Number) } });
    const ambiguous = await locate(`address=${encodeURIComponent('滨湖路60号')}`);
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ambiguous.json().errors).toEqual([{ field: 'address', message: expect.stringMatching(/ambiguous: .*kaizhou\.hanfeng\.binhu\.g02.*kaizhou\.hanfeng\.binhu\.g03/) }]);
  });

  it('answers whereabouts outside every grid 400 naming the nearest grids, and none at all 400', async () => {
    const outside = await locate('lat=31.1&long=108.3');
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0]).toEqual({ field: 'lat', message: expect.stringMatching(/outside every grid; the nearest grids are kaizhou\.hanfeng\.binhu\.g01 \(滨湖社区第一网格, \d+ m\)/) });
    expect((await locate('')).statusCode).toBe(400);
    expect((await locate('lat=31.155')).json().errors).toEqual([expect.objectContaining({ field: 'long' })]);
    expect((await locate('lat=31.155&long=108.3866&system=bd09')).json().errors).toEqual([expect.objectContaining({ field: 'system' })]);
  });

  it('takes a report located by GCJ-02 coordinates or by address, and records where it is in WGS-84', async () => {
    const gcj = wgs84ToGcj02(IN_BINHU_G03);
    const byMapApp = await report({ lat: gcj.lat, long: gcj.long, system: 'gcj02' });
    expect(byMapApp.statusCode).toBe(201);
    const byAddress = await report({ address: '滨湖路６０号２栋' });
    expect(byAddress.statusCode).toBe(201);
    const views = await Promise.all([byMapApp, byAddress].map((answer) => service.app.inject({ method: 'GET', url: `/v1/cases/${answer.json().id}` })));
    expect(views.map((view) => view.json().grid.code)).toEqual(['kaizhou.hanfeng.binhu.g03', 'kaizhou.hanfeng.binhu.g02']);
    const [{ details }] = await service.app.get(DataSource).query(`SELECT details FROM intake.cases WHERE id = $1`, [byMapApp.json().id]);
    expect(details.coordinates.lat).toBeCloseTo(IN_BINHU_G03.lat, 5);
    expect(details.coordinates.long).toBeCloseTo(IN_BINHU_G03.long, 5);
    const [ambiguous, outside] = await Promise.all([report({ address: '滨湖路60号' }), report({ lat: 30, long: 108 })]);
    expect(ambiguous.json().errors).toEqual([expect.objectContaining({ field: 'location.address' })]);
    expect(outside.json().errors).toEqual([expect.objectContaining({ field: 'location.lat', message: expect.stringMatching(/nearest grids/) })]);
  });
});
