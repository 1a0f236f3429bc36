import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { DirectoryCategoryV2, EventEnvelope, RequestKind } from '@gridwhistle/contracts';
import { AreaEntity, AreaLevel } from './area.entity';
import { CategoryEntity } from './category.entity';

export interface AreaNode {
  code: string;
  name: string;
  level: AreaLevel;
  children: AreaNode[];
}

interface ReferenceData {
  categories: CategoryEntity[];
  categoriesByCode: Map<string, CategoryEntity>;
  areasByCode: Map<string, AreaEntity>;
  tree: AreaNode[];
}

const TTL_MS = 60_000;

/**
 * Categories and the area tree, a read-model of routing's directory: read on every report,
 * changed rarely (a new directory version), so they are cached for a minute; an empty
 * read-model (no version heard yet) is not cached.
 */
@Injectable()
export class ReferenceService {
  private cached?: { data: Promise<ReferenceData>; expires: number };

  constructor(
    @InjectRepository(CategoryEntity) private readonly categories: Repository<CategoryEntity>,
    @InjectRepository(AreaEntity) private readonly areas: Repository<AreaEntity>,
  ) {}

  async listCategories(): Promise<CategoryEntity[]> {
    return (await this.load()).categories;
  }

  async areaTree(): Promise<AreaNode[]> {
    return (await this.load()).tree;
  }

  async category(code: string): Promise<CategoryEntity | undefined> {
    return (await this.load()).categoriesByCode.get(code);
  }

  async area(code: string): Promise<AreaEntity | undefined> {
    return (await this.load()).areasByCode.get(code);
  }

  /** Every grid, with its polygon. */
  async grids(): Promise<AreaEntity[]> {
    return [...(await this.load()).areasByCode.values()].filter((area) => area.level === 'grid');
  }

  /**
   * Applies directory versions in the order routing published them (one Kafka key). Codes a
   * newer version drops stay known: cases reported with them still refer to them.
   */
  async apply(manager: EntityManager, published: EventEnvelope<'directory.published'>[]): Promise<void> {
    for (const { payload } of published) {
      await manager.upsert(
        AreaEntity,
        payload.areas.map(({ code, name, level, parentCode, geometry }) => ({ code, name, level, parentCode: parentCode ?? null, geometry: geometry ?? null })),
        ['code'],
      );
      // Version 1 carries no answers nor fields: a category's are cleared until a version 2 brings them.
      const categories: DirectoryCategoryV2[] = payload.categories;
      await manager.upsert(
        CategoryEntity,
        categories.map(({ code, name, requestKind, emergencyNumber, referral, answer, fields }) => ({
          ...{ code, name, requestKind: requestKind as RequestKind },
          ...{ emergencyNumber: emergencyNumber ?? null, referral: referral ?? null, answer: answer ?? null, fields: fields ?? [] },
        })),
        ['code'],
      );
    }
    this.cached = undefined;
  }

  private load(): Promise<ReferenceData> {
    if (!this.cached || this.cached.expires < Date.now()) {
      const data = this.read();
      this.cached = { data, expires: Date.now() + TTL_MS };
      data.then(
        (read) => {
          if (read.categories.length === 0) this.cached = undefined;
        },
        () => (this.cached = undefined),
      );
    }
    return this.cached.data;
  }

  private async read(): Promise<ReferenceData> {
    const [categories, areas] = await Promise.all([
      this.categories.find({ order: { code: 'ASC' } }),
      this.areas.find({ order: { code: 'ASC' } }),
    ]);
    const nodes = new Map(areas.map((a) => [a.code, { code: a.code, name: a.name, level: a.level, children: [] as AreaNode[] }]));
    const tree: AreaNode[] = [];
    for (const area of areas) {
      const node = nodes.get(area.code)!;
      const parent = area.parentCode ? nodes.get(area.parentCode) : undefined;
      (parent ? parent.children : tree).push(node);
    }
    return {
      categories,
      categoriesByCode: new Map(categories.map((c) => [c.code, c])),
      areasByCode: new Map(areas.map((a) => [a.code, a])),
      tree,
    };
  }
}
