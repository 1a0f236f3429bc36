import { randomUUID } from 'node:crypto';
import { EVENT_CATALOG, EVENT_TYPES, InvalidEventError, createEvent, eventTypesOn, parseEvent, traceFrom } from '.';

const reported = () =>
  createEvent('case.reported', randomUUID(), {
    categoryCode: 'manhole_cover',
    gridCode: 'kaizhou.hanfeng.binhu.g01',
    channel: 'hotline',
    requestKind: 'report',
    description: '井盖缺失',
    reportedAt: new Date().toISOString(),
    integrationCode: 'hotline_12345',
  });

function withoutIntegration(): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...reported().payload };
  delete payload.integrationCode;
  delete payload.requestKind;
  return payload;
}

function reasons(input: unknown): string[] {
  try {
    parseEvent(input);
  } catch (error) {
    return (error as InvalidEventError).reasons;
  }
  throw new Error('expected the event to be rejected');
}

describe('event envelope', () => {
  it('wraps a payload in a versioned envelope naming its producer', () => {
    const event = reported();
    expect(event).toMatchObject({ type: 'case.reported', version: 3, producer: 'intake' });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(parseEvent(JSON.parse(JSON.stringify(event)))).toEqual(event);
  });

  it('rejects a payload that breaks its contract, naming each broken field', () => {
    const event = { ...reported(), payload: { categoryCode: 'BAD CODE', channel: 'fax' } };
    const found = reasons(event);
    expect(found.join('\n')).toMatch(/categoryCode/);
    expect(found.join('\n')).toMatch(/channel/);
    expect(found.join('\n')).toMatch(/description/);
  });

  it('rejects unknown types and versions, wrong producers and malformed envelopes', () => {
    expect(reasons({ ...reported(), type: 'case.teleported' })).toContain('unknown event type case.teleported');
    expect(reasons({ ...reported(), version: 9 })).toContain('unknown version 9 of case.reported');
    expect(reasons({ ...reported(), producer: 'routing' })).toContain('case.reported is produced by intake');
    expect(reasons({ ...reported(), id: 'nope', caseId: 42 })).toEqual(
      expect.arrayContaining(['id must be a uuid', 'caseId must be a uuid']),
    );
    expect(reasons(null)).toEqual(['not an object']);
  });

  it('still reads version 1 of case.reported, which names no integration, until it has drained', () => {
    const v1Payload = withoutIntegration();
    const parsed = parseEvent({ ...reported(), version: 1, payload: { ...v1Payload, integrationCode: 'hotline_12345' } });
    expect(parsed).toMatchObject({ type: 'case.reported', version: 1 });
    // A v1 payload is read as v1: an integration code smuggled into it is not believed.
    expect(parsed.payload).not.toHaveProperty('integrationCode');
    expect(parseEvent({ ...reported(), version: 1, payload: v1Payload }).payload).toEqual(v1Payload);
  });

  it('requires the reporting integration from version 2 of case.reported on', () => {
    expect(reasons({ ...reported(), payload: withoutIntegration() }).join('\n')).toMatch(/integrationCode/);
    expect(reasons({ ...reported(), payload: { ...withoutIntegration(), integrationCode: 'Not A Code' } }).join('\n')).toMatch(
      /integrationCode/,
    );
  });

  it('still reads version 2 with its channels, and takes only the channels of version 3 with a kind of request in version 3', () => {
    const v2 = { ...reported(), version: 2, payload: { ...withoutIntegration(), channel: 'grid_worker', integrationCode: 'grid_app' } };
    expect(parseEvent(v2).payload).toMatchObject({ channel: 'grid_worker', integrationCode: 'grid_app' });
    expect(reasons({ ...reported(), payload: { ...reported().payload, channel: 'grid_worker' } }).join('\n')).toMatch(/channel/);
    expect(reasons({ ...reported(), payload: { ...reported().payload, requestKind: 'gossip' } }).join('\n')).toMatch(/requestKind/);
    for (const channel of ['grid', 'resident_web', 'open311']) expect(parseEvent({ ...reported(), payload: { ...reported().payload, channel } }).payload).toMatchObject({ channel });
  });

  it('records a diversion with its emergency number, from closed lists', () => {
    const diverted = (diversion: string, emergencyNumber?: string) =>
      createEvent('case.diverted', randomUUID(), {
        ...{ categoryCode: 'fire_emergency', gridCode: 'kaizhou.hanfeng.binhu.g01', channel: 'open311', requestKind: 'help' },
        ...{ diversion, emergencyNumber, reportedAt: new Date().toISOString(), integrationCode: 'fixmystreet' },
      } as never);
    expect(parseEvent(diverted('emergency', '119'))).toMatchObject({ producer: 'intake', payload: { diversion: 'emergency', emergencyNumber: '119' } });
    expect(reasons(diverted('emergency', '999')).join('\n')).toMatch(/emergencyNumber/);
    expect(reasons(diverted('ignored')).join('\n')).toMatch(/diversion/);
  });

  it('says why routing holds a case for triage, from a closed list of reasons', () => {
    const triage = (reason: string) =>
      createEvent('case.triage_required', randomUUID(), { categoryCode: 'elderly_alone', gridCode: 'kaizhou.hanfeng.binhu.g01', reason } as never);
    expect(parseEvent(triage('no_route'))).toMatchObject({ producer: 'routing', version: 1, payload: { reason: 'no_route' } });
    expect(reasons(triage('bored')).join('\n')).toMatch(/reason/);
  });

  it('drops payload fields the contract does not know', () => {
    const event = reported();
    const parsed = parseEvent({ ...event, payload: { ...event.payload, reporterPhone: '13800000000' } });
    expect(parsed.payload).not.toHaveProperty('reporterPhone');
  });

  it('continues a valid trace and starts a new one otherwise', () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    expect(traceFrom(incoming).traceparent).toBe(incoming);
    expect(traceFrom('garbage').traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('puts each topic in the hands of a single producer, so per-case order holds per topic', () => {
    for (const type of EVENT_TYPES) {
      const producers = new Set(eventTypesOn(EVENT_CATALOG[type].topic).map((t) => EVENT_CATALOG[t].producer));
      expect([...producers]).toEqual([EVENT_CATALOG[type].producer]);
    }
  });
});
