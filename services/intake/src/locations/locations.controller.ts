import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@gridwhistle/platform';
import { ReferenceService } from '../reference/reference.service';
import { CoordinatesOrAddressDto, LocationAnswerDto } from './locations.dto';
import { LocationsService } from './locations.service';

/** Lets an integrator check whereabouts before posting a case. Public: nothing personal goes in or out. */
@ApiTags('reference')
@Controller('v1/locate')
export class LocationsController {
  constructor(
    private readonly locations: LocationsService,
    private readonly reference: ReferenceService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Find the grid of coordinates or an address',
    description:
      'What `location` of a report resolves to: `?lat=&long=` (with `system=gcj02` for coordinates from Chinese map apps) ' +
      'or `?address=` (street, number, building, as written; spaces and full-width digits are fine).',
  })
  @ApiOkResponse({ description: 'The grid, and the WGS-84 point.', type: LocationAnswerDto })
  @ApiProblems({
    400: {
      description: 'Outside every grid (the nearest grids are named), an ambiguous address (its candidates are named), an unknown address, or neither coordinates nor an address.',
      errors: [{ field: 'address', message: "address '滨湖路60号' is ambiguous: 滨湖路60号1栋 is in kaizhou.hanfeng.binhu.g02, 滨湖路60号6栋 is in kaizhou.hanfeng.binhu.g03; name the building (栋) or send lat and long" }],
    },
  })
  async locate(@Query() where: CoordinatesOrAddressDto): Promise<LocationAnswerDto> {
    const place = await this.locations.place(where, { lat: 'lat', address: 'address' });
    const grid = await this.reference.area(place.gridCode);
    return { grid: { code: place.gridCode, name: grid?.name ?? place.gridCode }, ...(place.point ? { wgs84: place.point } : {}) };
  }
}
