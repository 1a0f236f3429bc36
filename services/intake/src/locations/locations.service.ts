import { Inject, Injectable } from '@nestjs/common';
import { ValidationProblem } from '@gridwhistle/platform';
import { ReferenceService } from '../reference/reference.service';
import { LatLong, gcj02ToWgs84 } from './gcj02';
import { Gazetteer, written } from './gazetteer';
import { locateGrid } from './grid-locator';

export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

/** Where a caller says a problem is: a grid code, coordinates, or an address. */
export interface Whereabouts {
  gridCode?: string;
  lat?: number;
  long?: number;
  system?: CoordinateSystem;
  address?: string;
}

/** The grid a problem is in, with its WGS-84 point when coordinates or a known address gave one. */
export interface Place {
  gridCode: string;
  point?: LatLong;
  address?: string;
}

/** The names the caller's API gives the fields, for its 400s: `location.lat`, `lat`, `address_string`. */
export interface PlaceFields {
  lat: string;
  address: string;
}

/** Resolves whereabouts to a grid: a polygon holding the point, or the gazetteer's entry for the address. */
@Injectable()
export class LocationsService {
  constructor(
    private readonly reference: ReferenceService,
    @Inject(Gazetteer) private readonly gazetteer: Gazetteer,
  ) {}

  async place(where: Whereabouts, fields: PlaceFields): Promise<Place> {
    if (where.gridCode) return { gridCode: where.gridCode };
    if (where.lat !== undefined && where.long !== undefined) {
      const point = where.system === 'gcj02' ? gcj02ToWgs84({ lat: where.lat, long: where.long }) : { lat: where.lat, long: where.long };
      return { gridCode: await this.gridAt(point, fields), point };
    }
    if (where.address) return this.atAddress(where.address, fields);
    throw new ValidationProblem([{ field: fields.lat, message: 'say where: a gridCode, lat and long, or an address' }]);
  }

  private async gridAt(point: LatLong, fields: PlaceFields): Promise<string> {
    const located = locateGrid(point.lat, point.long, await this.reference.grids());
    if ('grid' in located) return located.grid.code;
    const nearest = located.nearest.map(({ grid, metres }) => `${grid.code} (${grid.name}, ${metres} m)`).join(', ');
    throw new ValidationProblem([
      { field: fields.lat, message: `${point.lat},${point.long} (WGS-84) lies outside every grid; the nearest grids are ${nearest}` },
    ]);
  }

  /** An address of the gazetteer; failing that, a grid's own code or name (what Open311 clients were told to send). */
  private async atAddress(address: string, fields: PlaceFields): Promise<Place> {
    const match = this.gazetteer.match(address);
    if ('address' in match) return { gridCode: match.address.gridCode, point: { lat: match.address.lat, long: match.address.long }, address };
    const trimmed = address.trim();
    const named = (await this.reference.grids()).find((grid) => grid.code === trimmed || grid.name === trimmed);
    if (named) return { gridCode: named.code, address };
    const message =
      'ambiguous' in match
        ? `address '${address}' is ambiguous: ${match.ambiguous.map((a) => `${written(a)} is in ${a.gridCode}`).join(', ')}; name the building (栋) or send lat and long`
        : match.unknown.street
          ? `address '${address}' is not in the gazetteer; known addresses on ${match.unknown.street}: ${match.unknown.known.map(written).join(', ')}`
          : `address '${address}' names no grid: send lat and long, or an address of the gazetteer (street and number)`;
    throw new ValidationProblem([{ field: fields.address, message }]);
  }
}
