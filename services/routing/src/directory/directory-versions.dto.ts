import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const CHECKSUM_EXAMPLE = '9f2c1e0b7d4a5c3e8f6b2a1d0c9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e';

/** One directory version that took effect. */
export class DirectoryVersionDto {
  @ApiProperty({ description: 'The version number; versions only go forward.', example: 2 })
  version: number;

  @ApiProperty({ description: 'The city the directory is for.', example: 'kaizhou' })
  city: string;

  @ApiProperty({ description: 'SHA-256 of the document as it was submitted.', example: CHECKSUM_EXAMPLE })
  checksum: string;

  @ApiProperty({ description: 'When it took effect.', format: 'date-time', example: '2026-11-22T08:15:30.456Z' })
  publishedAt: string;

  @ApiProperty({ description: 'The operator who submitted it; null for the directory file that setup put into effect.', type: 'string', nullable: true, example: 'command_centre' })
  publishedBy: string | null;

  @ApiProperty({ description: 'Whether it is the running version (the newest): decisions are made with it.', example: true })
  running: boolean;
}

export class DirectoryVersionListDto {
  @ApiProperty({ description: 'Every version that took effect, newest first.', type: () => DirectoryVersionDto, isArray: true })
  versions: DirectoryVersionDto[];
}

export class DiffQueryDto {
  @ApiPropertyOptional({ description: 'The version to compare with: a version number, or `running` (the default).', example: 'running', default: 'running' })
  @IsOptional()
  @Matches(/^(running|[1-9]\d{0,8})$/, { message: 'against must be a version number or running' })
  against = 'running';
}

export class FieldChangeDto {
  @ApiProperty({ description: 'The field that differs.', example: 'name' })
  field: string;

  @ApiPropertyOptional({ description: 'Its value in the version compared with (left out for a polygon, only named as changed).', example: '井盖缺失' })
  before?: unknown;

  @ApiPropertyOptional({ description: 'Its value in this version (left out for a polygon).', example: '井盖缺失或破损' })
  after?: unknown;
}

export class ItemChangeDto {
  @ApiProperty({ description: 'The item\u2019s code (a catalogue entry\u2019s id).', example: 'manhole_cover' })
  code: string;

  @ApiProperty({ description: 'The fields that differ.', type: () => FieldChangeDto, isArray: true })
  fields: FieldChangeDto[];
}

export class PartDiffDto {
  @ApiProperty({ description: 'Codes only this version has.', type: 'string', isArray: true, example: ['transport'] })
  added: string[];

  @ApiProperty({ description: 'Codes only the version compared with has.', type: 'string', isArray: true, example: ['ecology'] })
  removed: string[];

  @ApiProperty({ description: 'Items both have, with the fields that differ.', type: () => ItemChangeDto, isArray: true })
  changed: ItemChangeDto[];
}

export class ListDiffDto {
  @ApiProperty({ description: 'Category codes put on the list.', type: 'string', isArray: true, example: ['elderly_alone'] })
  added: string[];

  @ApiProperty({ description: 'Category codes taken off the list.', type: 'string', isArray: true, example: [] })
  removed: string[];
}

export class ListsDiffDto {
  @ApiProperty({ description: 'What a community handles itself (自治事项).', type: () => ListDiffDto })
  communityHandles: ListDiffDto;

  @ApiProperty({ description: 'What a community only assists with (协助事项).', type: () => ListDiffDto })
  communityAssists: ListDiffDto;

  @ApiProperty({ description: 'What must never reach a community (负面清单).', type: () => ListDiffDto })
  negative: ListDiffDto;
}

/** Two versions compared part by part, each item by its code. */
export class DirectoryDiffDto {
  @ApiProperty({ description: 'The version compared with.', example: 1 })
  from: number;

  @ApiProperty({ description: 'The version compared.', example: 2 })
  to: number;

  @ApiProperty({ description: 'Whether anything but the version number differs.', example: true })
  changed: boolean;

  @ApiProperty({ description: 'Areas (district, streets, communities, grids), by code; a move shows as a changed `parentCode`.', type: () => PartDiffDto })
  areas: PartDiffDto;

  @ApiProperty({ description: 'Handling units, by code.', type: () => PartDiffDto })
  units: PartDiffDto;

  @ApiProperty({ description: 'Categories, by code.', type: () => PartDiffDto })
  categories: PartDiffDto;

  @ApiProperty({ description: 'Dispatch catalogue entries (派单目录), by id.', type: () => PartDiffDto })
  catalogue: PartDiffDto;

  @ApiProperty({ description: 'Deadline policies, by code.', type: () => PartDiffDto })
  deadlinePolicies: PartDiffDto;

  @ApiProperty({ description: 'The responsibility lists.', type: () => ListsDiffDto })
  lists: ListsDiffDto;

  @ApiProperty({ description: 'Other top-level fields that differ (city, language).', type: () => FieldChangeDto, isArray: true })
  fields: FieldChangeDto[];
}

/** A submitted version, now running, and what it changed against the version running before it. */
export class PublishedVersionDto extends DirectoryVersionDto {
  @ApiProperty({ description: 'What it changed against the version that ran before it; null for a city\u2019s first version.', type: () => DirectoryDiffDto, nullable: true })
  changes: DirectoryDiffDto | null;
}
