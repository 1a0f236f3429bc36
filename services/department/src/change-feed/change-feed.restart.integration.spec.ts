import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { serviceDatabase } from '@gridwhistle/persistence';
import { generateApiKey, hashApiKey } from '@gridwhistle/platform';
import { IsolatedEnvironment, ServiceInProcess, createIsolatedEnvironment, eventually, startServiceInProcess } from '@gridwhistle/testing';
import { AppModule } from '../app.module';
import { departmentDatabase } from '../database';
import { DEPARTMENT_API } from '../department.api';
import { DepartmentEnv } from '../department.env';
import { ChangeFeedWriter } from './change-feed.writer';

const DEPARTMENT = { service: 'department' as const, envClass: DepartmentEnv, database: departmentDatabase, module: AppModule.register, api: DEPARTMENT_API };

/** GET /v1/events through the service, its cursor carried across a restart on the same database. */
describe('the change feed across a restart', () => {
  let environment: IsolatedEnvironment;
  let service: ServiceInProcess | undefined;
  const keys = { water: generateApiKey('water'), planning: generateApiKey('planning') };

  beforeAll(async () => {
    environment = await createIsolatedEnvironment([serviceDatabase('department')]);
  });
  afterAll(async () => {
    await service?.stop();
    await environment?.dispose();
  });

  const read = (unit: keyof typeof keys, query: string) =>
    service!.app.inject({ method: 'GET', url: `/v1/events${query}`, headers: { authorization: `Bearer ${keys[unit]}` } });
  const record = (count: number, from: number) =>
    service!.app.get(DataSource).transaction((manager) =>
      service!.app.get(ChangeFeedWriter).record(
        manager,
        Array.from({ length: count }, (_, i) => ({ unitCode: 'water', type: 'graded' as const, caseId: randomUUID(), occurredAt: new Date(), data: { n: from + i } })),
      ),
    );
  /** Reads pages from the cursor until `count` entries came, as a polling client does. */
  const readOn = async (after: string, count: number) => {
    const seen: { id: string; data: { n: number } }[] = [];
    let cursor = after;
    await eventually(async () => {
      const page = (await read('water', `?after=${cursor}&limit=2`)).json();
      seen.push(...page.entries);
      cursor = page.next;
      expect(seen.length).toBeGreaterThanOrEqual(count);
    });
    return { ns: seen.map((entry) => entry.data.n), cursor };
  };

  it('goes on after a restart from the cursor, skipping and repeating nothing, and shows each unit only its own entries', async () => {
    service = await startServiceInProcess(DEPARTMENT, { environment });
    const dataSource = service.app.get(DataSource);
    for (const [code, key] of Object.entries(keys)) {
      await dataSource.query('INSERT INTO department.departments (code, name, api_key_hash) VALUES ($1, $1, $2)', [code, hashApiKey(key)]);
    }
    await eventually(async () => expect((await read('water', '')).statusCode).toBe(200));
    await record(3, 1);
    const before = await readOn('0', 3);
    expect(before.ns).toEqual([1, 2, 3]);
    await record(2, 4);
    await service.stop();

    service = await startServiceInProcess(DEPARTMENT, { environment });
    await eventually(async () => expect((await read('water', '')).statusCode).toBe(200));
    await record(1, 6);
    const after = await readOn(before.cursor, 3);
    expect(after.ns).toEqual([4, 5, 6]);
    expect((await read('water', `?after=${after.cursor}`)).json()).toEqual({ entries: [], next: after.cursor });

    expect((await read('planning', '')).json().entries).toEqual([]);
    const invalid = await read('water', '?after=abc&limit=0');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
