import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  Equals,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { BusinessCalendarDocument } from '../calendar/business-calendar.document';
import { AreaClocksDocument, ClocksDocument, SupervisionDocument } from '../deadlines/deadline-policy.document';
import { CODE_PATTERN, CategoryFieldV2, DIRECTORY_AREA_LEVELS, DIRECTORY_UNIT_KINDS, EMERGENCY_NUMBERS, EmergencyNumber, REQUEST_KINDS as CONTRACT_REQUEST_KINDS, STANDARD_AREA_CODE } from '@gridwhistle/contracts';

/**
 * The directory as one versioned document (deploy/directory/<city>.directory.json): the shape
 * checked by class-validator. What the parts must agree on is checked in directory.validator.ts.
 */
// Codes, levels and kinds as the directory.published contract carries them.
const CODE = CODE_PATTERN;
export const AREA_LEVELS = DIRECTORY_AREA_LEVELS;
export type AreaLevel = (typeof AREA_LEVELS)[number];
export const UNIT_KINDS = DIRECTORY_UNIT_KINDS;
export type UnitKind = (typeof UNIT_KINDS)[number];
/** GB/T 30428: components (部件) and events (事件). */
export const CATEGORY_CLASSES = ['component', 'event'] as const;
/** The five kinds of request of Beijing's 接诉即办 regulation (Art. 2). */
export const REQUEST_KINDS = CONTRACT_REQUEST_KINDS;
/** Major matters (safety, stability, violent crime) go to every responsible unit at once. */
export const SEVERITIES = ['minor', 'ordinary', 'major'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const LOCALITIES = ['community', 'street'] as const;
export type Locality = (typeof LOCALITIES)[number];

export class PolygonDocument {
  @Equals('Polygon') type: 'Polygon';
  /** GeoJSON: one closed outer ring of [longitude, latitude] positions, no holes. */
  @IsArray() @ArrayMinSize(1) coordinates: [number, number][][];
}

export class AreaDocument {
  @Matches(CODE) code: string;
  /** Digital urban management style: district 6 digits, then 3 per street, community and grid. */
  @Matches(STANDARD_AREA_CODE) standardCode: string;
  @IsString() @Length(1, 100) name: string;
  @IsIn(AREA_LEVELS) level: AreaLevel;
  @IsOptional() @ValidateNested() @Type(() => PolygonDocument) geometry?: PolygonDocument;
  /** Grids have none, and may leave it out. */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => AreaDocument) children: AreaDocument[] = [];
}

export class UnitDocument {
  @Matches(CODE) code: string;
  @IsString() @Length(1, 200) name: string;
  @IsIn(UNIT_KINDS) kind: UnitKind;
  /** The area a district, street or community unit answers for. */
  @IsOptional() @Matches(CODE) areaCode?: string;
}

export class CategoryDocument {
  @Matches(CODE) code: string;
  @IsString() @Length(1, 100) name: string;
  @IsIn(CATEGORY_CLASSES) class: (typeof CATEGORY_CLASSES)[number];
  /** The GB/T 30428 major class, e.g. public_facilities, street_order. */
  @Matches(CODE) group: string;
  @IsIn(REQUEST_KINDS) requestKind: (typeof REQUEST_KINDS)[number];
  @IsIn(SEVERITIES) severity: Severity;
  @Matches(CODE) deadlinePolicy: string;
  /** An emergency: intake answers with this number (110/119/120/122) and dispatches nothing. */
  @IsOptional() @IsIn(EMERGENCY_NUMBERS) emergencyNumber?: EmergencyNumber;
  /** A matter outside every unit's duty: where intake tells the reporter to go instead. */
  @IsOptional() @IsString() @Length(1, 2000) referral?: string;
  /** A consultation intake answers at once, and closes. */
  @IsOptional() @IsString() @Length(1, 2000) answer?: string;
  /** What else a report of this category may tell (Open311 attributes). */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => CategoryFieldV2) fields?: CategoryFieldV2[];
}

/** A named unit, or the unit of the case's own community or street (属地). */
export class UnitRefDocument {
  @IsOptional() @Matches(CODE) unit?: string;
  @IsOptional() @IsIn(LOCALITIES) locality?: Locality;
}

export class CatalogueItemDocument {
  @Matches(/^[A-Za-z0-9_-]{1,32}$/) id: string;
  @Matches(CODE) category: string;
  /** Applies to cases in this area and below it; without it, everywhere. */
  @IsOptional() @Matches(CODE) area?: string;
  @ValidateNested() @Type(() => UnitRefDocument) lead: UnitRefDocument;
  @IsArray() @ValidateNested({ each: true }) @Type(() => UnitRefDocument) assisting: UnitRefDocument[];
  @IsString() @Length(1, 500) basis: string;
}

export class ResponsibilitiesDocument {
  /** 自治事项: what a community handles itself. */
  @IsArray() @Matches(CODE, { each: true }) communityHandles: string[];
  /** 协助事项: what a community only assists with. */
  @IsArray() @Matches(CODE, { each: true }) communityAssists: string[];
  /** 负面清单: what must never reach a community. */
  @IsArray() @Matches(CODE, { each: true }) negative: string[];
}

export class DeadlinePolicyDocument {
  @Matches(CODE) code: string;
  @IsString() @Length(1, 100) name: string;
  @IsDefined() @ValidateNested() @Type(() => ClocksDocument) clocks: ClocksDocument;
  /** Where an area differs: its clocks replace the policy's for cases in it, the nearest area first. */
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => AreaClocksDocument) areas?: AreaClocksDocument[];
  /** How long the lead may give a case back (退单时限); 0: not at all. */
  @IsInt() @Min(0) returnWithinWorkingDays: number;
}

/** How far returns go before a person decides. */
export class ReturnRulesDocument {
  /** After this many returns (退单) of one case, it goes to the command centre for a ruling (争议裁定). */
  @IsInt() @Min(1) arbitrateAfterReturns: number;
}

export class DirectoryDocument {
  @Matches(CODE) city: string;
  @IsInt() @Min(1) version: number;
  @IsString() language: string;
  @IsObject() @ValidateNested() @Type(() => AreaDocument) areas: AreaDocument;
  @IsArray() @ValidateNested({ each: true }) @Type(() => UnitDocument) units: UnitDocument[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => CategoryDocument) categories: CategoryDocument[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => CatalogueItemDocument) catalogue: CatalogueItemDocument[];
  @IsObject() @ValidateNested() @Type(() => ResponsibilitiesDocument) responsibilities: ResponsibilitiesDocument;
  @IsObject() @ValidateNested() @Type(() => BusinessCalendarDocument) calendar: BusinessCalendarDocument;
  @IsArray() @ValidateNested({ each: true }) @Type(() => DeadlinePolicyDocument) deadlinePolicies: DeadlinePolicyDocument[];
  @IsObject() @ValidateNested() @Type(() => SupervisionDocument) supervision: SupervisionDocument;
  @IsObject() @ValidateNested() @Type(() => ReturnRulesDocument) returns: ReturnRulesDocument;
}
