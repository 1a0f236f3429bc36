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

/* eslint-disable @typescript-eslint/no-explicit-any -- answers read from JSON */
const REPORTER = { first_name: '丽', last_name: '李', phone: '13812345678', email: 'li.reporter@example.org' };
/** In Binhu's first grid (滨湖社区第一网格), WGS-84. */
const IN_BINHU_G01 = { lat: '31.155', long: '108.381' };

describe('Open311 GeoReport v2 and the channels, on real Postgres and Kafka', () => {
  let service: ServiceInProcess;
  let dataSource: DataSource;
  const apiKey = generateApiKey('fixmystreet');

  const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const post = (format: string, params: Record<string, string>) =>
    service.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(params) });
  const get = (url: string) => service.app.inject({ method: 'GET', url });
  /** What FixMyStreet's Open311 client posts for a report (perllib/Open311.pm). */
  const fixMyStreet = (extra: Record<string, string> = {}) => ({
    service_code: 'manhole_cover',
    ...IN_BINHU_G01,
    address_string: '滨湖路3号',
    description: '滨湖路3号门口井盖缺失，夜间有行人跌落风险',
    ...REPORTER,
    media_url: 'https://fixmystreet.example.org/photo/1.jpeg',
    'attribute[cover_state]': 'missing',
    'attribute[fixmystreet_id]': '4242',
    jurisdiction_id: 'kaizhou',
    api_key: apiKey,
    ...extra,
  });
  const xmlValues = (xml: string, element: string) => [...xml.matchAll(new RegExp(`<${element}>([^<]*)</${element}>`, 'g'))].map((m) => m[1]);

  beforeAll(async () => {
    service = await startServiceInProcess({ service: 'intake', envClass: IntakeEnv, database: intakeDatabase, module: AppModule.register, api: INTAKE_API });
    dataSource = service.app.get(DataSource);
    await seedIntake(dataSource, { integrations: [{ code: 'fixmystreet', name: 'FixMyStreet', apiKeyHash: hashApiKey(apiKey) }] });
    await dataSource.transaction((manager) => service.app.get(ReferenceService).apply(manager, [sampleDirectory()]));
  });
  afterAll(() => service?.stop());

  it('lists the categories as services, in JSON and XML, with their Chinese names', async () => {
    const json = await get('/open311/v2/services.json');
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual(expect.arrayContaining([expect.objectContaining({ service_code: 'manhole_cover', service_name: '井盖缺失', metadata: true, type: 'realtime' })]));
    const xml = await get('/open311/v2/services.xml');
    expect(xml.headers['content-type']).toMatch(/^text\/xml/);
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>/);
    expect(xmlValues(xml.body, 'service_name')).toContain('井盖缺失');
  });

  it('defines a service by its category\u2019s fields, and answers an unknown one 404 in Open311\u2019s format', async () => {
    const json = (await get('/open311/v2/services/manhole_cover.json')).json();
    expect(json.service_code).toBe('manhole_cover');
    expect(json.attributes[0]).toMatchObject({ code: 'cover_state', datatype: 'singlevaluelist', required: false, values: expect.arrayContaining([{ key: 'missing', name: '缺失' }]) });
    expect((await get('/open311/v2/services/street_light.xml')).body).toContain('<attribute><variable>true</variable><code>lights_out</code><datatype>number</datatype><required>true</required>');
    const missing = await get('/open311/v2/services/moon_dust.json');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: 'no service moon_dust' }]);
    const missingXml = await get('/open311/v2/services/moon_dust.xml');
    expect(missingXml.body).toBe('<?xml version="1.0" encoding="utf-8"?><errors><error><code>404</code><description>no service moon_dust</description></error></errors>');
    expect((await get('/open311/v2/services.yaml')).statusCode).toBe(404);
  });

  it('takes FixMyStreet\u2019s form post with UTF-8 Chinese, locates its grid, and keeps the reporter out of every view and event', async () => {
    const answer = await post('xml', fixMyStreet());
    expect(answer.statusCode).toBe(201);
    const [id] = xmlValues(answer.body, 'service_request_id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const [stored] = await dataSource.query(`SELECT grid_code, channel, reported_by, description, details, reporter IS NOT NULL AS sealed FROM intake.cases WHERE id = $1`, [id]);
    expect(stored).toMatchObject({ grid_code: 'kaizhou.hanfeng.binhu.g01', channel: 'open311', reported_by: 'fixmystreet', description: '滨湖路3号门口井盖缺失，夜间有行人跌落风险', sealed: true });
    expect(stored.details).toEqual({ coordinates: { lat: 31.155, long: 108.381 }, address: '滨湖路3号', mediaUrl: 'https://fixmystreet.example.org/photo/1.jpeg', attributes: { cover_state: 'missing' } });

    const [event] = await dataSource.query(`SELECT envelope FROM intake.outbox WHERE case_id = $1`, [id]);
    expect(event.envelope).toMatchObject({ type: 'case.reported', version: 3, payload: { channel: 'open311', requestKind: 'report', integrationCode: 'fixmystreet' } });
    const seen = [
      JSON.stringify(event.envelope),
      (await get(`/v1/cases/${id}`)).body,
      (await get(`/open311/v2/requests/${id}.json`)).body,
      (await get(`/open311/v2/requests/${id}.xml`)).body,
      (await get('/open311/v2/servicerequestupdates.json')).body,
    ].join('\n');
    for (const personal of ['李丽', '13812345678', 'li.reporter@example.org', '丽']) expect(seen).not.toContain(personal);
  });

  it('answers JSON posts too, ignores unknown parameters and takes an address naming a grid', async () => {
    const answer = await post('json', { ...fixMyStreet(), lat: '', long: '', address_string: '滨湖社区第一网格', whatever: 'x' });
    expect(answer.statusCode).toBe(201);
    expect(answer.json()).toEqual([{ service_request_id: expect.any(String), service_notice: '', account_id: '' }]);
  });

  it('refuses a wrong or missing api_key 403, and invalid requests 400, in Open311\u2019s format', async () => {
    const wrong = await post('xml', fixMyStreet({ api_key: 'gw_nobody' }));
    expect(wrong.statusCode).toBe(403);
    expect(xmlValues(wrong.body, 'code')).toEqual(['403']);
    const keyless: Record<string, string> = fixMyStreet();
    delete keyless.api_key;
    expect((await post('json', keyless)).json()).toEqual([{ code: 403, description: 'api_key is missing or unknown' }]);
    const badList = await post('json', fixMyStreet({ 'attribute[cover_state]': 'stolen' }));
    expect(badList.statusCode).toBe(400);
    expect(badList.json()[0].description).toMatch(/attribute\[cover_state\] must be one of missing, broken, sunken/);
    const lightsOut = await post('json', fixMyStreet({ service_code: 'street_light' }));
    expect(lightsOut.json()[0].description).toMatch(/attribute\[lights_out\] is required/);
    expect((await post('json', fixMyStreet({ service_code: 'moon_dust' }))).json()[0]).toMatchObject({ code: 400, description: expect.stringMatching(/moon_dust/) });
    expect((await post('json', fixMyStreet({ lat: '91' }))).json()[0].description).toMatch(/lat must be a WGS-84 latitude/);
  });

  it('answers coordinates outside every grid 400, naming the nearest grids', async () => {
    const outside = await post('json', fixMyStreet({ lat: '31.155', long: '108.370' }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json()[0].description).toMatch(/outside every grid; the nearest grids are kaizhou\.hanfeng\.binhu\.g01 \(滨湖社区第一网格, \d+ m\)/);
    const noPlace = await post('json', fixMyStreet({ lat: '', long: '', address_string: '某某路' }));
    expect(noPlace.json()[0].description).toMatch(/names no grid: send lat and long/);
  });

  it('lists requests by id, code, status and dates, and finds one by id or token', async () => {
    // Two residents: one resident's second report would be a repeat of the first.
    const ids = await Promise.all(['13812345601', '13812345602'].map(async (phone) => (await post('json', fixMyStreet({ phone }))).json()[0].service_request_id as string));
    const byId = (await get(`/open311/v2/requests.json?service_request_id=${ids.join(',')}&jurisdiction_id=kaizhou`)).json();
    expect(byId.map((r: any) => r.service_request_id).sort()).toEqual([...ids].sort());
    expect(byId[0]).toMatchObject({ status: 'open', extended_status: 'open', service_code: 'manhole_cover', service_name: '井盖缺失', lat: 31.155, long: 108.381, address: '滨湖路3号' });
    const codes = (await get('/open311/v2/requests.json?service_code=street_light,manhole_cover&status=open')).json();
    expect(codes.length).toBeGreaterThanOrEqual(2);
    expect(codes.every((r: any) => r.service_code === 'manhole_cover' && r.status === 'open')).toBe(true);
    expect((await get('/open311/v2/requests.json?status=closed&service_code=manhole_cover')).json()).toEqual([]);
    expect((await get('/open311/v2/requests.json?end_date=2020-01-01T00:00:00Z')).json()).toEqual([]);
    expect((await get('/open311/v2/requests.json?start_date=yesterday')).statusCode).toBe(400);
    expect((await get('/open311/v2/requests.json?status=lost')).json()[0].description).toMatch(/status must be open, closed or one of/);
    expect(xmlValues((await get(`/open311/v2/requests/${ids[0]}.xml`)).body, 'service_request_id')).toEqual([ids[0]]);
    expect((await get(`/open311/v2/tokens/${ids[1]}.json`)).json()).toEqual([{ service_request_id: ids[1], token: ids[1] }]);
    expect((await get('/open311/v2/requests/c56a4180-65aa-42ec-a945-5fd21dec0538.json')).statusCode).toBe(404);
    expect((await get('/open311/v2/tokens/nope.xml')).body).toContain('<code>404</code>');
  });

  it('follows each request through servicerequestupdates with stable update_ids, in both formats', async () => {
    const id = (await post('json', fixMyStreet())).json()[0].service_request_id;
    const [entry] = await dataSource.query(`SELECT event_id FROM intake.timeline_entries WHERE case_id = $1`, [id]);
    const window = `start_date=${new Date(Date.now() - 60_000).toISOString()}&end_date=${new Date(Date.now() + 60_000).toISOString()}`;
    const first = (await get(`/open311/v2/servicerequestupdates.json?${window}`)).json();
    expect(first).toContainEqual(expect.objectContaining({ update_id: entry.event_id, service_request_id: id, status: 'open', description: 'reported' }));
    expect((await get(`/open311/v2/servicerequestupdates.json?${window}`)).json()).toEqual(first);
    const xml = (await get(`/open311/v2/servicerequestupdates.xml?${window}`)).body;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><service_requests_updates><request_update><update_id>/);
    expect(xmlValues(xml, 'update_id')).toContain(entry.event_id);
  });

  it('answers emergencies, consultations and matters outside every duty itself: recorded, closed, counted, never dispatched', async () => {
    const fire = await post('json', fixMyStreet({ service_code: 'fire_emergency', description: '小区3栋起火' }));
    expect(fire.json()[0].service_notice).toMatch(/119/);
    const consultation = await service.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${apiKey}` },
      payload: { category: 'policy_consultation', requestKind: 'consultation', description: '请问老旧小区改造补贴怎么申请？', location: { gridCode: 'kaizhou.hanfeng.binhu.g01' }, channel: 'hotline' },
    });
    expect(consultation.statusCode).toBe(201);
    expect(consultation.json()).toMatchObject({ status: 'closed', diversion: { kind: 'consultation_answered', answer: expect.stringMatching(/政策/) } });
    const court = (await post('json', fixMyStreet({ service_code: 'court_litigation', description: '合同纠纷要起诉' }))).json()[0];
    expect(court.service_notice).toMatch(/法院/);

    const fireId = fire.json()[0].service_request_id;
    const view = (await get(`/v1/cases/${fireId}`)).json();
    expect(view).toMatchObject({ status: 'closed', requestKind: 'help', diversion: { kind: 'emergency', emergencyNumber: '119' }, timeline: [{ event: 'diverted', diversion: 'emergency', emergencyNumber: '119' }] });
    expect((await get(`/open311/v2/requests/${court.service_request_id}.json`)).json()[0]).toMatchObject({ status: 'closed', extended_status: 'not_councils_responsibility' });
    expect((await get(`/open311/v2/requests/${fireId}.json`)).json()[0]).toMatchObject({ status: 'closed', extended_status: 'internal_referral', status_notes: expect.stringMatching(/119/) });

    const events = await dataSource.query(`SELECT type, envelope FROM intake.outbox WHERE case_id = ANY($1::uuid[])`, [[fireId, consultation.json().id, court.service_request_id]]);
    expect(events.map((e: any) => e.type)).toEqual(['case.diverted', 'case.diverted', 'case.diverted']);
    expect(events.map((e: any) => e.envelope.payload.diversion).sort()).toEqual(['consultation_answered', 'emergency', 'outside_duty']);
    const metrics = (await get('/metrics')).body;
    expect(metrics).toMatch(/gridwhistle_cases_diverted_total\{diversion="emergency",channel="open311"[^}]*\} 1/);
    expect(metrics).toMatch(/gridwhistle_cases_diverted_total\{diversion="consultation_answered",channel="hotline"[^}]*\} 1/);
    expect(metrics).toMatch(/gridwhistle_cases_diverted_total\{diversion="outside_duty",channel="open311"[^}]*\} 1/);
    // A consultation about a category without an answer, or another kind of request, is dispatched as usual.
    const asked = await service.app.inject({
      method: 'POST',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${apiKey}` },
      payload: { category: 'manhole_cover', requestKind: 'consultation', description: '井盖归谁管？', location: { gridCode: 'kaizhou.hanfeng.binhu.g01' }, channel: 'resident_web' },
    });
    expect(asked.json()).toEqual({ id: expect.any(String), trackingCode: expect.stringMatching(/^[2-9A-HJKMNP-Z]{7}$/), status: 'reported', reportedAt: expect.any(String) });
  });

  it('takes each channel, the grid only with its worker, and records the integration that sent it', async () => {
    const report = (channel: string, extra: object = {}) =>
      service.app.inject({
        method: 'POST',
        url: '/v1/cases',
        headers: { authorization: `Bearer ${apiKey}` },
        payload: { category: 'litter', description: `${channel} 垃圾乱扔`, location: { gridCode: 'kaizhou.hanfeng.binhu.g01' }, channel, reporter: { name: '王先生', phone: '13900001111' }, ...extra },
      });
    for (const channel of ['hotline', 'resident_web', 'resident_app', 'open311']) {
      const answer = await report(channel);
      expect(answer.statusCode).toBe(201);
      expect((await get(`/v1/cases/${answer.json().id}`)).json()).toMatchObject({ channel, requestKind: 'complaint', diversion: null });
    }
    const whistle = await report('grid', { gridWorkerId: 'GW-0012' });
    expect(whistle.statusCode).toBe(201);
    const [stored] = await dataSource.query(`SELECT details, reported_by FROM intake.cases WHERE id = $1`, [whistle.json().id]);
    expect(stored).toEqual({ details: { gridWorkerId: 'GW-0012' }, reported_by: 'fixmystreet' });
    const unnamed = await report('grid');
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().errors).toEqual([{ field: 'gridWorkerId', message: expect.stringMatching(/required on the grid channel/) }]);
    expect((await report('walk_in')).statusCode).toBe(400);
    const envelopes = JSON.stringify(await dataSource.query(`SELECT envelope FROM intake.outbox WHERE envelope::text LIKE '%垃圾乱扔%'`));
    for (const channel of ['hotline', 'grid', 'resident_web', 'resident_app', 'open311']) expect(envelopes).toContain(`"channel":"${channel}"`);
    expect(envelopes).not.toMatch(/王先生|13900001111/);
  });

  it('still refuses form bodies everywhere but Open311, as a problem', async () => {
    const answer = await service.app.inject({ method: 'POST', url: '/v1/cases', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'category=litter' });
    expect(answer.statusCode).toBe(415);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
