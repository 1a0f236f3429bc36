import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { CODE_PATTERN } from './case-reported.event';

export const DIRECTORY_AREA_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export const DIRECTORY_UNIT_KINDS = ['district', 'department', 'street', 'community'] as const;
/** Digital urban management style: 6 digits for the district, 3 more per level. */
export const STANDARD_AREA_CODE = /^\d{6}(\d{3}){0,3}$/;

export class DirectoryAreaV1 {
  @Matches(CODE_PATTERN) code: string;
  @Matches(STANDARD_AREA_CODE) standardCode: string;
  @IsString() @Length(1, 100) name: string;
  @IsIn(DIRECTORY_AREA_LEVELS) level: (typeof DIRECTORY_AREA_LEVELS)[number];
  @IsOptional() @Matches(CODE_PATTERN) parentCode: string | null;
  /** GeoJSON polygon of a community or grid. */
  @IsOptional() @IsObject() geometry?: { type: 'Polygon'; coordinates: [number, number][][] };
}

export class DirectoryUnitV1 {
  @Matches(CODE_PATTERN) code: string;
  @IsString() @Length(1, 200) name: string;
  @IsIn(DIRECTORY_UNIT_KINDS) kind: (typeof DIRECTORY_UNIT_KINDS)[number];
  @IsOptional() @Matches(CODE_PATTERN) areaCode?: string;
}

export class DirectoryCategoryV1 {
  @Matches(CODE_PATTERN) code: string;
  @IsString() @Length(1, 100) name: string;
  /** GB/T 30428: component (部件) or event (事件), and its major class. */
  @IsIn(['component', 'event']) class: 'component' | 'event';
  @Matches(CODE_PATTERN) group: string;
  @IsIn(['consultation', 'help', 'complaint', 'report', 'suggestion']) requestKind: string;
  @IsIn(['minor', 'ordinary', 'major']) severity: string;
}

/**
 * Routing put a new version of the directory into effect. Public data only (areas, handling
 * units, categories; no person, no API key): each service keeps a read-model of the parts it
 * needs. The envelope's caseId is directoryKey(city). The dispatch catalogue
 * and responsibility lists stay with routing.
 */
export class DirectoryPublishedV1 {
  @Matches(CODE_PATTERN) city: string;
  @IsInt() @Min(1) version: number;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => DirectoryAreaV1) areas: DirectoryAreaV1[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => DirectoryUnitV1) units: DirectoryUnitV1[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => DirectoryCategoryV1) categories: DirectoryCategoryV1[];
}

/**
 * The Kafka key (envelope caseId) of a city's directory versions: one fixed key, so that all
 * versions travel on one partition and every service applies them in the order published.
 */
export function directoryKey(city: string): string {
  const hex = createHash('sha256').update(`gridwhistle.directory:${city}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
