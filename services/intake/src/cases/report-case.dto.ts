import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { CHANNELS, CODE_PATTERN, Channel } from '@gridwhistle/contracts';
import { IsNotBlank } from '@gridwhistle/platform';

export class LocationDto {
  @Matches(CODE_PATTERN, { message: '$property must be a grid code from GET /v1/areas' })
  gridCode: string;
}

export class ReporterDto {
  @IsOptional() @IsString() @Length(1, 100)
  name?: string;

  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{4,19}$/, { message: '$property must be a phone number (digits, spaces, -)' })
  phone?: string;
}

/** POST /v1/cases: what a channel (hotline, grid worker app, …) reports. */
export class ReportCaseDto {
  @Matches(CODE_PATTERN, { message: 'category must be a category code from GET /v1/categories' })
  category: string;

  @IsString() @IsNotBlank() @Length(1, 2000, { message: 'description must be 1 to 2000 characters' })
  description: string;

  @IsObject({ message: 'location must be an object with a gridCode' })
  @ValidateNested()
  @Type(() => LocationDto)
  location: LocationDto;

  @IsOptional()
  @IsObject({ message: 'reporter must be an object with a name and/or a phone' })
  @ValidateNested()
  @Type(() => ReporterDto)
  reporter?: ReporterDto;

  @IsIn(CHANNELS, { message: `channel must be one of ${CHANNELS.join(', ')}` })
  channel: Channel;
}
