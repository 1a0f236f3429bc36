import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AreaEntity } from './area.entity';
import { CategoryEntity } from './category.entity';
import { ReferenceController } from './reference.controller';
import { ReferenceService } from './reference.service';
import { DirectoryHandler } from './directory.handler';

@Module({
  imports: [TypeOrmModule.forFeature([AreaEntity, CategoryEntity])],
  controllers: [ReferenceController, DirectoryHandler],
  providers: [ReferenceService],
  exports: [ReferenceService],
})
export class ReferenceModule {}
