import { Controller, Get } from '@nestjs/common';
import { ReferenceService } from './reference.service';

/** The valid codes clients may use when reporting a case. Public: no personal data here. */
@Controller('v1')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('categories')
  async categories() {
    const categories = await this.reference.listCategories();
    return { categories: categories.map(({ code, name }) => ({ code, name })) };
  }

  @Get('areas')
  async areas() {
    return { areas: await this.reference.areaTree() };
  }
}
