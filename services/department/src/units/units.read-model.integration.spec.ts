import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createEvent, directoryKey } from '@gridwhistle/contracts';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource } from '@gridwhistle/testing';
import { departmentDatabase } from '../database/department.database';
import { applyDirectory } from './units.read-model';

/** The department service's read-model of the directory's handling units, on real Postgres. */
describe('the handling units read-model', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('department')]);
    dataSource = await migratedDataSource(departmentDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  const published = (version: number, units: { code: string; name: string; kind: 'department' | 'community'; areaCode?: string }[]) =>
    createEvent('directory.published', directoryKey('kaizhou'), {
      city: 'kaizhou',
      version,
      areas: [{ code: 'kaizhou', standardCode: '500154', name: '开州区', level: 'district', parentCode: null }],
      units,
      categories: [],
    });

  it('keeps the units of the latest version, renamed and dropped as the directory says', async () => {
    await dataSource.transaction((manager) =>
      applyDirectory(manager, [
        published(1, [
          { code: 'water', name: '区水利局', kind: 'department' },
          { code: 'binhu_community', name: '滨湖社区', kind: 'community', areaCode: 'kaizhou.hanfeng.binhu' },
        ]),
        published(2, [{ code: 'binhu_community', name: '滨湖社区居民委员会', kind: 'community', areaCode: 'kaizhou.hanfeng.binhu' }]),
      ]),
    );
    expect(await dataSource.query('SELECT code, name, kind, area_code, directory_version FROM department.units')).toEqual([
      { code: 'binhu_community', name: '滨湖社区居民委员会', kind: 'community', area_code: 'kaizhou.hanfeng.binhu', directory_version: 2 },
    ]);
  });
});
