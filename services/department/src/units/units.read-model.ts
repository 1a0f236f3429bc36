import { EntityManager, LessThan } from 'typeorm';
import { EventEnvelope } from '@gridwhistle/contracts';
import { UnitEntity } from './unit.entity';

/**
 * Applies directory versions in the order routing published them (one Kafka key): every unit
 * of a version is written with it, and units a newer version no longer names are removed.
 */
export async function applyDirectory(manager: EntityManager, published: EventEnvelope<'directory.published'>[]): Promise<void> {
  for (const { payload } of published) {
    const units = payload.units.map(({ code, name, kind, areaCode }) => ({ code, name, kind, areaCode: areaCode ?? null, directoryVersion: payload.version }));
    await manager.upsert(UnitEntity, units, ['code']);
    await manager.delete(UnitEntity, { directoryVersion: LessThan(payload.version) });
  }
}
