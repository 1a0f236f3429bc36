import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gazetteer } from './gazetteer';
import { LocatableGrid, locateGrid } from './grid-locator';

const DEPLOY = join(__dirname, '../../../../deploy/directory');
const gazetteer = Gazetteer.read(join(DEPLOY, 'kaizhou.gazetteer.json'));

/** The sample city's grids with their polygons. */
function sampleGrids(): LocatableGrid[] {
  type Area = LocatableGrid & { level: string; children?: Area[] };
  const walk = (area: Area): LocatableGrid[] => [...(area.level === 'grid' ? [area] : []), ...(area.children ?? []).flatMap(walk)];
  return walk(JSON.parse(readFileSync(join(DEPLOY, 'kaizhou.directory.json'), 'utf8')).areas);
}

describe('the sample city\u2019s gazetteer', () => {
  it('puts every address in the grid whose polygon holds its point, and covers every grid', () => {
    const grids = sampleGrids();
    for (const address of gazetteer.document.addresses) {
      expect(locateGrid(address.lat, address.long, grids)).toEqual({ grid: expect.objectContaining({ code: address.gridCode }) });
    }
    expect(new Set(gazetteer.document.addresses.map((a) => a.gridCode))).toEqual(new Set(grids.map((g) => g.code)));
  });

  it('matches addresses however they are spaced, with full-width digits and the city before them', () => {
    for (const text of ['滨湖路14号', ' 滨湖路 14 号 ', '滨湖路１４号', '重庆市开州区滨湖路14号门口', '开州区 滨湖路１４号 小区门口']) {
      expect(gazetteer.match(text)).toEqual({ address: expect.objectContaining({ street: '滨湖路', number: '14', gridCode: 'kaizhou.hanfeng.binhu.g01' }) });
    }
  });

  it('does not take one number for another that begins or ends the same', () => {
    expect(gazetteer.match('滨湖路6号')).toEqual({ address: expect.objectContaining({ number: '6' }) });
    expect(gazetteer.match('滨湖路46号')).toEqual({ address: expect.objectContaining({ number: '46' }) });
  });

  it('calls a compound spanning two grids ambiguous unless the building is named', () => {
    const ambiguous = gazetteer.match('滨湖路60号');
    expect('ambiguous' in ambiguous && new Set(ambiguous.ambiguous.map((a) => a.gridCode))).toEqual(new Set(['kaizhou.hanfeng.binhu.g02', 'kaizhou.hanfeng.binhu.g03']));
    expect(gazetteer.match('滨湖路60号６栋')).toEqual({ address: expect.objectContaining({ building: '6', gridCode: 'kaizhou.hanfeng.binhu.g03' }) });
    expect(gazetteer.match('滨湖路60号2号楼302室')).toEqual({ address: expect.objectContaining({ building: '2', gridCode: 'kaizhou.hanfeng.binhu.g02' }) });
  });

  it('names the street\u2019s known numbers for a number it does not know, and nothing for an unknown street', () => {
    const unknownNumber = gazetteer.match('滨湖路999号');
    expect(unknownNumber).toEqual({ unknown: { street: '滨湖路', known: expect.arrayContaining([expect.objectContaining({ street: '滨湖路' })]) } });
    expect(gazetteer.match('解放碑步行街1号')).toEqual({ unknown: { street: undefined, known: [] } });
  });

  it('refuses a gazetteer that is not valid when it is read', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gazetteer-')), 'broken.json');
    writeFileSync(file, JSON.stringify({ city: 'kaizhou', version: 1, addresses: [{ street: '滨湖路', number: '三', gridCode: 'kaizhou.hanfeng.binhu.g01', lat: 200, long: 108 }] }));
    expect(() => Gazetteer.read(file)).toThrow(/is not valid: .*number.*lat/s);
  });
});
