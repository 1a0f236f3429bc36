import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { IsEmail, IsISO8601, IsLatitude, IsLongitude, IsOptional, IsString, IsUrl, Length, Matches, validateSync } from 'class-validator';
import { CODE_PATTERN } from '@gridwhistle/contracts';
import { ValidationProblem, fieldErrors } from '@gridwhistle/platform';

/** Form fields arrive as strings; a field sent twice arrives as a list. */
export type Open311Params = Record<string, string | string[] | undefined>;

/**
 * Reads parameters into a DTO, validated; parameters the DTO does not know (jurisdiction_id,
 * attribute[...]) are left for the caller, never refused: Open311 clients send what they have.
 */
export function readParams<T extends object>(dto: new () => T, params: Open311Params): T {
  // A field left empty (clients send every field of their form) counts as not sent.
  const single = Object.fromEntries(
    Object.entries(params)
      .map(([name, value]) => [name, Array.isArray(value) ? value[value.length - 1] : value])
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const read = plainToInstance(dto, single);
  const errors = validateSync(read, { whitelist: true });
  if (errors.length > 0) throw new ValidationProblem(fieldErrors(errors));
  return read;
}

/** POST requests: a service request as GeoReport v2 (and FixMyStreet) send it, form-encoded. */
export class Open311ServiceRequestParams {
  @ApiProperty({ description: 'Your integration\u2019s API key (the same as for /v1).', example: 'gw_fixmystreet_…' })
  @IsString({ message: 'api_key is required' })
  api_key: string;

  @ApiProperty({ description: 'The service (category) code, from services.{format}.', example: 'manhole_cover' })
  @Matches(CODE_PATTERN, { message: 'service_code must be a service code from services.json' })
  service_code: string;

  @ApiPropertyOptional({ description: 'Latitude, WGS-84; with `long`, locates the grid.', example: '31.155' })
  @IsOptional() @IsLatitude({ message: 'lat must be a WGS-84 latitude' })
  lat?: string;

  @ApiPropertyOptional({ description: 'Longitude, WGS-84.', example: '108.381' })
  @IsOptional() @IsLongitude({ message: 'long must be a WGS-84 longitude' })
  long?: string;

  @ApiPropertyOptional({ description: 'The address as the reporter wrote it; without coordinates it must name a grid (its code or name).', example: '滨湖社区第一网格' })
  @IsOptional() @IsString() @Length(1, 500)
  address_string?: string;

  @ApiPropertyOptional({ description: 'What is wrong, in the reporter\u2019s words (UTF-8). Public on Open311.', example: '滨湖路3号门口井盖缺失' })
  @IsOptional() @IsString() @Length(1, 2000, { message: 'description must be 1 to 2000 characters' })
  description?: string;

  @ApiPropertyOptional({ description: 'A photo of the problem.', example: 'https://example.org/photo.jpg' })
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'media_url must be an http(s) URL' })
  media_url?: string;

  @ApiPropertyOptional({ description: 'Personal data: encrypted, never shown.', example: '丽' })
  @IsOptional() @IsString() @Length(1, 50)
  first_name?: string;

  @ApiPropertyOptional({ description: 'Personal data: encrypted, never shown.', example: '李' })
  @IsOptional() @IsString() @Length(1, 50)
  last_name?: string;

  @ApiPropertyOptional({ description: 'Personal data: encrypted, never shown.', example: 'li@example.org' })
  @IsOptional() @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @ApiPropertyOptional({ description: 'Personal data: encrypted, never shown.', example: '13812345678' })
  @IsOptional() @Matches(/^\+?[0-9][0-9 ()-]{4,24}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ description: 'The reporter\u2019s device at the client: encrypted, never shown.', example: 'device-42' })
  @IsOptional() @IsString() @Length(1, 100)
  device_id?: string;

  @ApiPropertyOptional({ description: 'The reporter\u2019s account at the client: encrypted, never shown.', example: 'account-42' })
  @IsOptional() @IsString() @Length(1, 100)
  account_id?: string;
}

const DATE = { message: '$property must be a W3C date-time, such as 2026-11-22T08:15:30Z' };

/** GET requests: its filters. */
export class Open311RequestFilters {
  @ApiPropertyOptional({ description: 'Comma-separated ids; with it, the other filters are ignored.', example: 'c56a4180-65aa-42ec-a945-5fd21dec0538' })
  @IsOptional() @IsString()
  service_request_id?: string;

  @ApiPropertyOptional({ description: 'Comma-separated service codes.', example: 'manhole_cover,street_light' })
  @IsOptional() @IsString()
  service_code?: string;

  @ApiPropertyOptional({ description: 'Requested at or after (W3C date-time); by default 90 days before end_date.', example: '2026-11-01T00:00:00Z' })
  @IsOptional() @IsISO8601({ strict: true }, DATE)
  start_date?: string;

  @ApiPropertyOptional({ description: 'Requested before (W3C date-time); by default now.', example: '2026-11-30T00:00:00Z' })
  @IsOptional() @IsISO8601({ strict: true }, DATE)
  end_date?: string;

  @ApiPropertyOptional({ description: 'Comma-separated: open, closed, or extended statuses (fixed, in_progress, …).', example: 'open' })
  @IsOptional() @IsString()
  status?: string;
}

/** GET servicerequestupdates: its window. */
export class Open311UpdateFilters {
  @ApiPropertyOptional({ description: 'Updates at or after (W3C date-time); by default 24 hours before end_date.', example: '2026-11-22T00:00:00Z' })
  @IsOptional() @IsISO8601({ strict: true }, DATE)
  start_date?: string;

  @ApiPropertyOptional({ description: 'Updates before (W3C date-time); by default now.', example: '2026-11-23T00:00:00Z' })
  @IsOptional() @IsISO8601({ strict: true }, DATE)
  end_date?: string;
}
