import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@gridwhistle/platform';
import { CasesService } from '../cases/cases.service';
import { PublicCaseDto } from '../cases/public-case.dto';

/** Residents follow their case by the short code they were given: the public view, nothing personal. */
@ApiTags('cases')
@Controller('v1/track')
export class TrackingController {
  constructor(private readonly cases: CasesService) {}

  @Get(':code')
  @ApiOperation({ summary: 'Follow a case by its tracking code', description: 'The public view of the case (as GET /v1/cases/{id}), for the short code its reporter was given; any case, spaces and dashes are fine.' })
  @ApiParam({ name: 'code', description: 'The tracking code from the receipt.', example: 'K7M3QX9' })
  @ApiOkResponse({ description: 'The case.', type: PublicCaseDto })
  @ApiProblems({ 404: { description: 'No case has this tracking code.', detail: 'no case has the tracking code K7M3QX9' } })
  track(@Param('code') code: string): Promise<PublicCaseDto> {
    return this.cases.tracked(code);
  }
}
