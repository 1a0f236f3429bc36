import {
  AreaDocument,
  CatalogueItemDocument,
  CategoryDocument,
  DeadlinePolicyDocument,
  DirectoryDocument,
  Locality,
  UnitDocument,
} from './directory.document';
import { BusinessCalendar } from '../calendar/business-calendar';
import { ClocksDocument } from '../deadlines/deadline-policy.document';

/** A directory version that took effect, indexed for the decisions made with it. */
export class Directory {
  private readonly areas = new Map<string, { area: AreaDocument; parent?: string }>();
  private readonly units: Map<string, UnitDocument>;
  private readonly unitOfArea: Map<string, UnitDocument>;
  private readonly categories: Map<string, CategoryDocument>;
  private readonly policies: Map<string, DeadlinePolicyDocument>;
  private readonly catalogue = new Map<string, CatalogueItemDocument[]>();
  private businessCalendar?: BusinessCalendar;

  constructor(
    readonly version: number,
    readonly document: DirectoryDocument,
  ) {
    const index = (area: AreaDocument, parent?: string) => {
      this.areas.set(area.code, { area, parent });
      (area.children ?? []).forEach((child) => index(child, area.code)); // grids may leave children out
    };
    index(document.areas);
    this.units = new Map(document.units.map((u) => [u.code, u]));
    this.unitOfArea = new Map(document.units.filter((u) => u.areaCode).map((u) => [u.areaCode!, u]));
    this.categories = new Map(document.categories.map((c) => [c.code, c]));
    this.policies = new Map(document.deadlinePolicies.map((p) => [p.code, p]));
    for (const item of document.catalogue) this.catalogue.set(item.category, [...(this.catalogue.get(item.category) ?? []), item]);
  }

  category(code: string): CategoryDocument | undefined {
    return this.categories.get(code);
  }

  unit(code: string): UnitDocument | undefined {
    return this.units.get(code);
  }

  policy(code: string): DeadlinePolicyDocument | undefined {
    return this.policies.get(code);
  }

  /** The calendar deadlines are counted in. */
  get calendar(): BusinessCalendar {
    return (this.businessCalendar ??= new BusinessCalendar(this.document.calendar));
  }

  /** A policy's clocks for a case in a grid: the nearest area's override of each clock, else the policy's own. */
  clocks(policyCode: string, gridCode: string): ClocksDocument | undefined {
    const policy = this.policies.get(policyCode);
    if (!policy) return undefined;
    const overrides = this.gridAndAbove(gridCode).flatMap((area) => (policy.areas ?? []).filter((o) => o.area === area.code));
    return Object.assign({}, policy.clocks, ...overrides.reverse().map((o) => o.clocks));
  }

  /** The grid and the areas above it, nearest first; empty when the code is no grid. */
  gridAndAbove(gridCode: string): AreaDocument[] {
    if (this.areas.get(gridCode)?.area.level !== 'grid') return [];
    const chain: AreaDocument[] = [];
    for (let code: string | undefined = gridCode; code; code = this.areas.get(code)?.parent) chain.push(this.areas.get(code)!.area);
    return chain;
  }

  /** The unit answering for the case's own community or street (属地). */
  localUnit(gridCode: string, locality: Locality | 'district'): UnitDocument | undefined {
    const area = this.gridAndAbove(gridCode).find((a) => a.level === locality);
    return area ? this.unitOfArea.get(area.code) : undefined;
  }

  /** The street or district a unit answers for lies within. */
  unitAbove(unit: UnitDocument): UnitDocument | undefined {
    const parent = unit.areaCode ? this.areas.get(unit.areaCode)?.parent : undefined;
    return parent ? this.unitOfArea.get(parent) : undefined;
  }

  /** The catalogue's entries for a category, in the document's order. */
  entries(categoryCode: string): CatalogueItemDocument[] {
    return this.catalogue.get(categoryCode) ?? [];
  }

  get negativeList(): readonly string[] {
    return this.document.responsibilities.negative;
  }

  get communityHandles(): readonly string[] {
    return this.document.responsibilities.communityHandles;
  }

  /** After how many returns a case goes to the command centre for a ruling. */
  get arbitrateAfterReturns(): number {
    return this.document.returns.arbitrateAfterReturns;
  }

  /** Every area's code, name and level with its parent, for the read-models of other services. */
  flatAreas(): (Pick<AreaDocument, 'code' | 'name' | 'level' | 'standardCode' | 'geometry'> & { parentCode: string | null })[] {
    // The index holds every area in tree order (depth first), each with its parent.
    return [...this.areas.values()].map(({ area, parent }) => ({
      code: area.code,
      standardCode: area.standardCode,
      name: area.name,
      level: area.level,
      parentCode: parent ?? null,
      ...(area.geometry ? { geometry: area.geometry } : {}),
    }));
  }
}
