import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsLatitude, IsLongitude, IsNumber, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { COORDINATE_SYSTEMS, CoordinateSystem } from './locations.service';

/** Where a problem is, as a caller knows it: coordinates (in either system) or an address. */
export class CoordinatesOrAddressDto {
  @ApiPropertyOptional({ description: 'Latitude in `system`; with `long`, the grid whose polygon holds the point.', example: 31.155 })
  @ValidateIf((where: CoordinatesOrAddressDto) => where.long !== undefined || where.lat !== undefined)
  @Type(() => Number) @IsNumber({}, { message: '$property must be a number' }) @IsLatitude({ message: 'lat must be a latitude, with long' })
  lat?: number;

  @ApiPropertyOptional({ description: 'Longitude in `system`.', example: 108.381 })
  @ValidateIf((where: CoordinatesOrAddressDto) => where.long !== undefined || where.lat !== undefined)
  @Type(() => Number) @IsNumber({}, { message: '$property must be a number' }) @IsLongitude({ message: 'long must be a longitude, with lat' })
  long?: number;

  @ApiPropertyOptional({
    description: 'The coordinates\u2019 system: `wgs84` (GPS; the default) or `gcj02` (Chinese map apps: Amap, Tencent, WeChat), converted to WGS-84.',
    enum: COORDINATE_SYSTEMS,
    default: 'wgs84',
    example: 'gcj02',
  })
  @IsOptional() @IsIn(COORDINATE_SYSTEMS, { message: `system must be one of ${COORDINATE_SYSTEMS.join(', ')}` })
  system?: CoordinateSystem;

  @ApiPropertyOptional({ description: 'An address of the city (street, number, building), matched against its gazetteer.', minLength: 1, maxLength: 200, example: '滨湖路60号6栋' })
  @IsOptional() @IsString() @Length(1, 200)
  address?: string;
}

export class LocatedGridDto {
  @ApiProperty({ description: 'The grid\u2019s code, as `location.gridCode` takes it.', example: 'kaizhou.hanfeng.binhu.g03' }) code: string;
  @ApiProperty({ description: 'The grid\u2019s name.', example: '滨湖社区第三网格' }) name: string;
}

export class WgsPointDto {
  @ApiProperty({ description: 'Latitude, WGS-84.', example: 31.1558 }) lat: number;
  @ApiProperty({ description: 'Longitude, WGS-84.', example: 108.3866 }) long: number;
}

/** GET /v1/locate: the grid a report with these whereabouts would go to. */
export class LocationAnswerDto {
  @ApiProperty({ description: 'The grid a report with these whereabouts goes to.', type: () => LocatedGridDto }) grid: LocatedGridDto;
  @ApiPropertyOptional({ description: 'The point in WGS-84: the coordinates converted, or the address\u2019s point.', type: () => WgsPointDto }) wgs84?: WgsPointDto;
}
