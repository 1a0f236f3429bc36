import { eventually } from '@gridwhistle/testing';
import { RunningSystem } from './running-system';

/** A hotline report of a missing manhole cover in a grid urban management serves; `reporter` may carry anything. */
export function hotlineReport(reporter: { name: string; phone: string }, description = '滨湖社区3栋门口井盖缺失，夜间有行人跌落风险') {
  return {
    category: 'manhole_cover',
    description,
    location: { gridCode: 'kaizhou.hanfeng.binhu.g01' },
    reporter,
    channel: 'hotline',
  };
}

/**
 * One case around the whole loop through the HTTP APIs: the hotline reports it, urban
 * management acknowledges and resolves it, the hotline grades it satisfied and intake shows it
 * closed. Answers the case's id.
 */
export async function closeTheLoop(system: RunningSystem, report: unknown): Promise<string> {
  const hotline = system.apiKey('integrations', 'hotline_12345');
  const unit = system.apiKey('departments', 'urban_management');
  const reported = await system.call('intake', '/v1/cases', { apiKey: hotline, body: report });
  expect(reported.status).toBe(201);
  const id: string = reported.body.id;
  const expectStatus = async (path: string, apiKey: string, status: number) => expect((await system.call('department', path, { method: 'POST', apiKey })).status).toBe(status);
  await eventually(() => expectStatus(`/v1/cases/${id}/acknowledge`, unit, 200));
  expect((await system.call('department', `/v1/cases/${id}/resolve`, { apiKey: unit, body: { resolution: '已更换井盖' } })).status).toBe(200);
  await eventually(async () => expect((await system.call('feedback', `/v1/cases/${id}/feedback`, { apiKey: hotline, body: { rating: 'satisfied', solved: true } })).status).toBe(200));
  await eventually(async () => expect((await system.call('intake', `/v1/cases/${id}`)).body.status).toBe('closed'));
  return id;
}
