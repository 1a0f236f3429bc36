import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { CHANNELS, CODE_PATTERN, Channel, REQUEST_KINDS, RequestKind } from '@gridwhistle/contracts';
import { IsNotBlank } from '@gridwhistle/platform';
import { CoordinatesOrAddressDto } from '../locations/locations.dto';

const PHONE_PATTERN = /^\+?[0-9][0-9 -]{4,19}$/;
/** A grid worker's staff code, as the grid workers' app knows it. */
const GRID_WORKER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** Where the problem is: a grid code, coordinates, or an address (GET /v1/locate checks the latter two). */
export class LocationDto extends CoordinatesOrAddressDto {
  @ApiPropertyOptional({ description: 'The grid (网格) where the problem is: a grid code from GET /v1/areas. Without it, `lat` and `long`, or `address`.', pattern: CODE_PATTERN.source, example: 'kaizhou.hanfeng.binhu.g01' })
  @ValidateIf((location: LocationDto) => location.gridCode !== undefined || (location.lat === undefined && location.address === undefined))
  @Matches(CODE_PATTERN, { message: '$property must be a grid code from GET /v1/areas' })
  gridCode?: string;
}

/** Who reported: encrypted at rest, never returned by any API, never put on Kafka. */
export class ReporterDto {
  @ApiPropertyOptional({ description: 'The reporter\u2019s name, so that the handler can call back.', minLength: 1, maxLength: 100, example: '李女士' })
  @IsOptional() @IsString() @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ description: 'The reporter\u2019s phone number: digits, spaces and -, optionally a leading +.', pattern: PHONE_PATTERN.source, example: '13812345678' })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: '$property must be a phone number (digits, spaces, -)' })
  phone?: string;
}

/** POST /v1/cases: what a channel (hotline, grid worker app, …) reports. */
export class ReportCaseDto {
  @ApiProperty({ description: 'What kind of problem it is: a category code from GET /v1/categories.', pattern: CODE_PATTERN.source, example: 'manhole_cover' })
  @Matches(CODE_PATTERN, { message: 'category must be a category code from GET /v1/categories' })
  category: string;

  @ApiProperty({ description: 'The problem in the reporter\u2019s words, as the department will read it (names and phone numbers belong in `reporter`, which is kept encrypted).', minLength: 1, maxLength: 2000, example: '滨湖社区3栋门口井盖缺失，夜间有行人跌落风险' })
  @IsString() @IsNotBlank() @Length(1, 2000, { message: 'description must be 1 to 2000 characters' })
  description: string;

  @ApiProperty({ description: 'Where the problem is.', type: () => LocationDto })
  @IsObject({ message: 'location must be an object with a gridCode, lat and long, or an address' })
  @ValidateNested()
  @Type(() => LocationDto)
  location: LocationDto;

  @ApiPropertyOptional({ description: 'Who reported, if they gave their name or phone (personal data: encrypted, never shown).', type: () => ReporterDto })
  @IsOptional()
  @IsObject({ message: 'reporter must be an object with a name and/or a phone' })
  @ValidateNested()
  @Type(() => ReporterDto)
  reporter?: ReporterDto;

  @ApiProperty({ description: 'How the case came in: a channel code from GET /v1/channels.', enum: [...CHANNELS], example: 'hotline' })
  @IsIn(CHANNELS, { message: `channel must be one of ${CHANNELS.join(', ')} (GET /v1/channels lists them)` })
  channel: Channel;

  @ApiPropertyOptional({ description: 'On the `grid` channel, required: the staff code of the grid worker who blew the whistle (网格吹哨).', pattern: GRID_WORKER_PATTERN.source, example: 'GW-0012' })
  @ValidateIf((report: ReportCaseDto) => report.channel === 'grid' || report.gridWorkerId !== undefined)
  @Matches(GRID_WORKER_PATTERN, { message: 'gridWorkerId must be the grid worker\u2019s staff code (letters, digits, _ and -), required on the grid channel' })
  gridWorkerId?: string;

  @ApiPropertyOptional({
    description: 'The kind of request (咨询, 求助, 投诉, 举报, 建议); without it, the category\u2019s own. A consultation whose category has an answer is answered at once and closed.',
    enum: REQUEST_KINDS,
    example: 'complaint',
  })
  @IsOptional()
  @IsIn(REQUEST_KINDS, { message: `requestKind must be one of ${REQUEST_KINDS.join(', ')}` })
  requestKind?: RequestKind;
}

/** A report once its whereabouts are resolved to a grid. */
export type LocatedReportDto = ReportCaseDto & { location: { gridCode: string } };
