import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReferenceService } from './reference.service';
import { ACCEPTED_CHANNELS } from './channels';
import { AreaTreeDto, CategoryListDto, ChannelListDto } from './reference.dto';

/** The valid codes clients may use when reporting a case. Public: no personal data here. */
@ApiTags('reference')
@Controller('v1')
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('categories')
  @ApiOperation({ summary: 'The categories of problems', description: 'What a case can be about (井盖缺失, 占道经营, 邻里纠纷, …): the codes `category` accepts.' })
  @ApiOkResponse({ description: 'Every category.', type: CategoryListDto })
  async categories(): Promise<CategoryListDto> {
    const categories = await this.reference.listCategories();
    return { categories: categories.map(({ code, name }) => ({ code, name })) };
  }

  @Get('areas')
  @ApiOperation({
    summary: 'The area tree',
    description: 'District (区) > street (街道) > community (社区) > grid (网格): a case is reported in a grid, by its code.',
  })
  @ApiOkResponse({ description: 'The whole tree.', type: AreaTreeDto })
  async areas(): Promise<AreaTreeDto> {
    return { areas: await this.reference.areaTree() };
  }

  @Get('channels')
  @ApiOperation({
    summary: 'The channels cases come in through',
    description: 'The codes `channel` accepts (the 12345 hotline, grid workers, …), each with its name in Chinese and English.',
  })
  @ApiOkResponse({ description: 'Every channel.', type: ChannelListDto })
  channels(): ChannelListDto {
    return { channels: [...ACCEPTED_CHANNELS] };
  }
}
