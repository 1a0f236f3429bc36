import { randomUUID } from 'node:crypto';
import { generateApiKey, hashApiKey } from '@gridwhistle/platform';
import { RunningSystem } from '../running-system';
import { SERVICES, ServiceName } from '../setup';
import { closeTheLoop, hotlineReport } from '../case-journey';
import { Operation, documentedOperations } from './api-document.walk';

type Kind = 'departments' | 'integrations' | 'operators';

/** The kind of caller each service knows, its callers table, and a caller of another kind. */
const CALLERS: Record<ServiceName, { table: string; kind: Kind; code: string; wrongKind: [Kind, string] }> = {
  intake: { table: 'intake.integrations', kind: 'integrations', code: 'hotline_12345', wrongKind: ['departments', 'urban_management'] },
  routing: { table: 'routing.operators', kind: 'operators', code: 'command_centre', wrongKind: ['departments', 'urban_management'] },
  department: { table: 'department.departments', kind: 'departments', code: 'urban_management', wrongKind: ['integrations', 'hotline_12345'] },
  feedback: { table: 'feedback.integrations', kind: 'integrations', code: 'hotline_12345', wrongKind: ['operators', 'command_centre'] },
};

/**
 * Every secured operation of every service, from its own API document, against every way of
 * holding the wrong credentials: each answers 401 as problem+json. Operator-only routes (all of
 * routing's) know operators only, so a unit's key is unknown there: 401 like any wrong kind.
 * Another caller's case answers 404, exactly as a case that does not exist.
 */
describe('API security, every documented operation', () => {
  let system: RunningSystem;
  let operations: Operation[];
  let caseId: string;
  const revoked = {} as Record<ServiceName, string>;

  beforeAll(async () => {
    system = await RunningSystem.start();
    operations = (await Promise.all(SERVICES.map((service) => documentedOperations(system, service)))).flat();
    for (const service of SERVICES) {
      revoked[service] = generateApiKey('revoked');
      const { table } = CALLERS[service];
      await system.db.query(`INSERT INTO ${table} (code, name, api_key_hash) VALUES ('revoked_caller', '已撤销', $1)`, [hashApiKey(revoked[service])]);
      await system.db.query(`DELETE FROM ${table} WHERE code = 'revoked_caller'`);
    }
    caseId = await closeTheLoop(system, hotlineReport({ name: '安全测试', phone: '13600002222' }));
  });
  afterAll(() => system?.stop());

  // The case (or resource) under test in {id}; any other path parameter a fresh id that names nothing.
  const path = (operation: Operation, id: string) => operation.path.replace(/\{id\}/g, id).replace(/\{[^}]+\}/g, () => randomUUID());
  const call = (operation: Operation, id: string, headers: Record<string, string>) =>
    system.call(operation.service, path(operation, id), { method: operation.method, body: operation.body, headers });

  it('covers a secured operation of every service', () => {
    expect(new Set(operations.filter((o) => o.secured).map((o) => o.service))).toEqual(new Set(SERVICES));
  });

  it('answers 401 problem+json to missing, malformed, forged, revoked and wrong-kind credentials', async () => {
    const wrong: string[] = [];
    for (const operation of operations.filter((o) => o.secured)) {
      const [kind, code] = CALLERS[operation.service].wrongKind;
      const credentials: Record<string, Record<string, string>> = {
        missing: {},
        malformed: { authorization: 'Bearer' },
        'not bearer': { authorization: `Basic ${Buffer.from('hotline:secret').toString('base64')}` },
        forged: { authorization: `Bearer ${generateApiKey(CALLERS[operation.service].code)}` },
        revoked: { authorization: `Bearer ${revoked[operation.service]}` },
        'wrong kind': { authorization: `Bearer ${system.apiKey(kind, code)}` },
      };
      for (const [name, headers] of Object.entries(credentials)) {
        const answer = await call(operation, caseId, headers);
        const type = answer.headers.get('content-type') ?? '';
        if (answer.status !== 401 || !type.startsWith('application/problem+json')) wrong.push(`${operation.method} ${operation.path} ${name}: ${answer.status} ${type}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("answers 404 to another unit's or integration's case, as to a case that does not exist", async () => {
    const others: Partial<Record<ServiceName, string>> = {
      department: system.apiKey('departments', 'water'),
      feedback: system.apiKey('integrations', 'grid_app'),
    };
    const wrong: string[] = [];
    const checked: string[] = [];
    for (const operation of operations.filter((o) => o.secured && o.hasId && others[o.service])) {
      const headers = { authorization: `Bearer ${others[operation.service]}` };
      const [theirs, none] = [await call(operation, caseId, headers), await call(operation, randomUUID(), headers)];
      checked.push(`${operation.method} ${operation.path}`);
      if (theirs.status !== 404 || none.status !== 404 || theirs.body?.type !== none.body?.type) {
        wrong.push(`${operation.method} ${operation.path}: another's ${theirs.status}, none ${none.status}`);
      }
    }
    expect(checked.length).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });
});
