import { ApiProperty } from '@nestjs/swagger';
import { CHANNELS, Channel } from '@gridwhistle/contracts';
import { AREA_LEVELS, AreaLevel } from './area.entity';

export class CategoryDto {
  @ApiProperty({ description: 'The code to report a case with (`category`).', example: 'manhole_cover' })
  code: string;

  @ApiProperty({ description: 'What people call it.', example: '井盖缺失' })
  name: string;
}

export class CategoryListDto {
  @ApiProperty({ description: 'Every category, by code.', type: () => CategoryDto, isArray: true })
  categories: CategoryDto[];
}

/** One node of the area tree: district (区) > street (街道) > community (社区) > grid (网格). */
export class AreaNodeDto {
  @ApiProperty({ description: 'The area\u2019s code; a grid\u2019s code is what `location.gridCode` takes.', example: 'kaizhou.hanfeng.binhu.g01' })
  code: string;

  @ApiProperty({ description: 'What people call it.', example: '滨湖社区第一网格' })
  name: string;

  @ApiProperty({ description: 'Its level in the hierarchy.', enum: AREA_LEVELS, example: 'grid' })
  level: AreaLevel;

  @ApiProperty({ description: 'The areas it contains, one level down; none for a grid.', type: () => AreaNodeDto, isArray: true })
  children: AreaNodeDto[];
}

export class AreaTreeDto {
  @ApiProperty({ description: 'The top-level areas (districts), each with its streets, communities and grids.', type: () => AreaNodeDto, isArray: true })
  areas: AreaNodeDto[];
}

export class ChannelNameDto {
  @ApiProperty({ description: 'In Chinese.', example: '12345热线' })
  zh: string;

  @ApiProperty({ description: 'In English.', example: '12345 hotline' })
  en: string;
}

export class ChannelDto {
  @ApiProperty({ description: 'The code to report a case with (`channel`).', enum: CHANNELS, example: 'hotline' })
  code: Channel;

  @ApiProperty({ description: 'What people call it.', type: () => ChannelNameDto })
  name: ChannelNameDto;
}

export class ChannelListDto {
  @ApiProperty({ description: 'Every channel a case may be reported through.', type: () => ChannelDto, isArray: true })
  channels: ChannelDto[];
}
