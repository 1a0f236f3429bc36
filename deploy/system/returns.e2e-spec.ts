import { eventually } from '@gridwhistle/testing';
import { RunningSystem } from './running-system';

/**
 * Returns (退单) through the HTTP APIs: the lead returns the case, routing sends it to the
 * catalogue's next unit, that unit returns it too, the command centre rules, and the designated
 * unit (one that returned it before) can no longer return it and resolves it; no unit sees the
 * case back without the ruling, and the resident's timeline shows each step.
 */
describe('returns, re-routing and arbitration, end to end', () => {
  let system: RunningSystem;
  const call: RunningSystem['call'] = (...args) => system.call(...args);

  beforeAll(async () => {
    system = await RunningSystem.start();
  });
  afterAll(() => system?.stop());

  it('takes a returned case through a re-route, a second return and a ruling to its resolution', async () => {
    const water = system.apiKey('departments', 'water');
    const ecology = system.apiKey('departments', 'ecology');
    const operator = system.apiKey('operators', 'command_centre');
    const reported = await call('intake', '/v1/cases', {
      apiKey: system.apiKey('integrations', 'grid_app'),
      body: { category: 'sewage_dumping', description: '平桥社区河边有人直排污水', location: { gridCode: 'kaizhou.yunfeng.pingqiao.g02' }, channel: 'grid', gridWorkerId: 'GW-0217' },
    });
    expect(reported.status).toBe(201);
    const id = reported.body.id;
    const caseOf = (apiKey: string) => call('department', `/v1/cases/${id}`, { apiKey });
    const holding = (apiKey: string, status: string, round: number) =>
      eventually(async () => expect((await caseOf(apiKey)).body).toMatchObject({ status, round }));
    const giveBack = (apiKey: string, basis: string) => call('department', `/v1/cases/${id}/return`, { apiKey, body: { reasonCode: 'not_our_duty', basis } });

    // Round 1: the catalogue (D013) sends it to water, ecology assisting; water returns it.
    await holding(water, 'dispatched', 1);
    expect((await caseOf(water)).body).toMatchObject({ role: 'lead', returnable: true, returnableUntil: expect.any(String) });
    const returned = await giveBack(water, '直排口位于生态红线内，属生态环境局职责');
    expect(returned).toMatchObject({ status: 200, body: { status: 'returned', returnReason: 'not_our_duty' } });

    // Round 2: ecology leads; water keeps its returned row and never sees the case as its own again.
    await holding(ecology, 'dispatched', 2);
    expect((await caseOf(ecology)).body).toMatchObject({ role: 'lead' });
    expect((await caseOf(water)).body).toMatchObject({ status: 'returned', round: 1 });
    expect((await giveBack(ecology, '排污口属水利局管理的排水管网')).status).toBe(200);

    // Two returns: the case waits for a ruling, in the command centre's queue.
    const queued = await eventually(async () => {
      const queue = await call('routing', '/v1/command-centre/queue', { apiKey: operator });
      const entry = queue.body.cases.find((c: { caseId: string }) => c.caseId === id);
      expect(entry).toBeDefined();
      return entry;
    });
    expect(queued).toMatchObject({ waitingFor: 'awaiting_arbitration', reason: 'return_limit', returns: 2, returnedBy: ['water', 'ecology'] });
    expect((await call('routing', '/v1/command-centre/queue', { apiKey: water })).status).toBe(401);
    await eventually(async () => expect((await call('intake', `/v1/cases/${id}`)).body.status).toBe('awaiting_arbitration'));

    // The ruling designates water, which returned it before; the ruling may.
    const ruling = await call('routing', `/v1/command-centre/cases/${id}/arbitrate`, {
      apiKey: operator,
      body: { unitCode: 'water', reason: '排水管网产权属区水利局', catalogueProposal: { categoryCode: 'sewage_dumping', areaCode: 'kaizhou.yunfeng', leadUnitCode: 'water', basis: '《城镇排水与污水处理条例》第十四条' } },
    });
    expect(ruling).toMatchObject({ status: 200, body: { round: 3, rule: 'arbitration_ruling', leadUnitCode: 'water', returnable: false } });
    expect((await call('routing', `/v1/command-centre/cases/${id}/arbitrate`, { apiKey: operator, body: { unitCode: 'water', reason: '再次' } })).body).toMatchObject({
      status: 409,
      currentState: 'dispatched',
      allowedActions: ['reroute'],
    });
    // A re-route may not give the case back to a unit that returned it: only a ruling may.
    const back = await call('routing', `/v1/command-centre/cases/${id}/reroute`, { apiKey: operator, body: { leadUnitCode: 'ecology', reason: '改派' } });
    expect(back).toMatchObject({ status: 422, body: { detail: expect.stringContaining('only an arbitration ruling') } });

    // Water now holds it and cannot return it; it acknowledges and resolves it. Ecology's part ended with its return.
    await holding(water, 'dispatched', 3);
    expect((await caseOf(water)).body).toMatchObject({ returnable: false, returnableUntil: null });
    const refused = await giveBack(water, '仍非我局职责');
    expect(refused).toMatchObject({ status: 409, body: { currentState: 'dispatched', allowedActions: ['acknowledge', 'note'] } });
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await caseOf(ecology)).body).toMatchObject({ status: 'returned', round: 2 });
    expect((await call('department', `/v1/cases/${id}/acknowledge`, { apiKey: water, method: 'POST' })).status).toBe(200);
    expect((await call('department', `/v1/cases/${id}/resolve`, { apiKey: water, body: { resolution: '已封堵直排口并接入管网' } })).status).toBe(200);

    // The resident's timeline shows each step; the command centre reads why and who did what.
    const view = await eventually(async () => {
      const answer = await call('intake', `/v1/cases/${id}`);
      expect(answer.body.status).toBe('resolved');
      return answer.body;
    });
    expect(view.timeline.map((entry: { event: string }) => entry.event)).toEqual([
      'reported',
      'dispatched',
      'returned',
      'dispatched',
      'returned',
      'arbitration_required',
      'dispatched',
      'acknowledged',
      'resolved',
    ]);
    expect(view.timeline[2]).toMatchObject({ unit: 'water', reason: 'not_our_duty' });
    expect(view.timeline[3]).toMatchObject({ department: '区生态环境局', round: '2' });
    expect(view.timeline[5]).toMatchObject({ reason: 'return_limit' });

    const routing = await call('routing', `/v1/cases/${id}/routing`, { apiKey: operator });
    expect(routing.body.history.map((step: { rule: string }) => step.rule)).toEqual(['department_matter', 'next_candidate', 'return_limit', 'arbitration_ruling']);
    expect(routing.body.history[3]).toMatchObject({ returnedBy: ['water', 'ecology'], operatorCode: 'command_centre', returnable: false });
    expect(routing.body.history[3].explanation).toMatch(/裁定由区水利局（water）主办，该单位不得再退单/);
    const audit = await call('routing', `/v1/command-centre/audit?caseId=${id}`, { apiKey: operator });
    expect(audit.body.entries).toEqual([
      expect.objectContaining({ operatorCode: 'command_centre', action: 'arbitrate', reason: '排水管网产权属区水利局', details: expect.objectContaining({ leadUnitCode: 'water', round: 3 }) }),
    ]);
  });
});
