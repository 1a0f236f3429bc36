import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { CODE_PATTERN, REQUEST_KINDS, RequestKind } from './case-reported.event';
import { EMERGENCY_NUMBERS, EmergencyNumber } from './case-diverted.event';

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
  @IsIn(REQUEST_KINDS) requestKind: RequestKind;
  @IsIn(['minor', 'ordinary', 'major']) severity: string;
}

/** The data types a category's field may have: those of Open311's service definitions. */
export const FIELD_TYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export class FieldValueV2 {
  @Matches(CODE_PATTERN) key: string;
  @IsString() @Length(1, 100) name: string;
}

/** One more thing a report of the category may tell (an Open311 attribute). */
export class CategoryFieldV2 {
  @Matches(CODE_PATTERN) code: string;
  /** The question put to the reporter. */
  @IsString() @Length(1, 200) description: string;
  @IsIn(FIELD_TYPES) datatype: FieldType;
  @IsBoolean() required: boolean;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => FieldValueV2) values?: FieldValueV2[];
}

/**
 * Version 2 of a category carries what intake answers itself: an emergency's number, where to
 * go for a matter outside every unit's duty, the answer to a consultation; and its fields.
 */
export class DirectoryCategoryV2 extends DirectoryCategoryV1 {
  @IsOptional() @IsIn(EMERGENCY_NUMBERS) emergencyNumber?: EmergencyNumber;
  @IsOptional() @IsString() @Length(1, 2000) referral?: string;
  @IsOptional() @IsString() @Length(1, 2000) answer?: string;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => CategoryFieldV2) fields?: CategoryFieldV2[];
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

/** Version 2: categories with their answers and fields (DirectoryCategoryV2). */
export class DirectoryPublishedV2 extends DirectoryPublishedV1 {
  @IsArray() @ValidateNested({ each: true }) @Type(() => DirectoryCategoryV2) declare categories: DirectoryCategoryV2[];
}

/**
 * The Kafka key (envelope caseId) of a city's directory versions: one fixed key, so that all
 * versions travel on one partition and every service applies them in the order published.
 */
export function directoryKey(city: string): string {
  const hex = createHash('sha256').update(`gridwhistle.directory:${city}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
