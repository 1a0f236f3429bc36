import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, Caller, CurrentCaller, UuidParam } from '@gridwhistle/platform';
import { DepartmentCasesService } from './department-cases.service';
import { ListCasesQueryDto, ResolveCaseDto } from './case-actions.dto';

const CaseId = () => UuidParam('id');

/** The department API: every route sees only the calling department's cases. */
@Controller('v1/cases')
@UseGuards(ApiKeyGuard)
export class DepartmentCasesController {
  constructor(private readonly cases: DepartmentCasesService) {}

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListCasesQueryDto) {
    return this.cases.list(caller.code, query);
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @CaseId() id: string) {
    return this.cases.get(caller.code, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  acknowledge(@CurrentCaller() caller: Caller, @CaseId() id: string) {
    return this.cases.apply(caller.code, id, 'acknowledge');
  }

  @Post(':id/resolve')
  @HttpCode(200)
  resolve(@CurrentCaller() caller: Caller, @CaseId() id: string, @Body() dto: ResolveCaseDto) {
    return this.cases.apply(caller.code, id, 'resolve', dto.resolution);
  }
}
