import { Module } from '@nestjs/common';
import { DirectoryHandler } from './directory.handler';

@Module({ controllers: [DirectoryHandler] })
export class UnitsModule {}
