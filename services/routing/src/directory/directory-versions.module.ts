import { Module } from '@nestjs/common';
import { DirectoryVersionsController } from './directory-versions.controller';
import { DirectoryVersionsService } from './directory-versions.service';

@Module({ controllers: [DirectoryVersionsController], providers: [DirectoryVersionsService] })
export class DirectoryVersionsModule {}
