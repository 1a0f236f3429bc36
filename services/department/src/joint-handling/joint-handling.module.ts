import { Module } from '@nestjs/common';
import { JointHandlingController } from './joint-handling.controller';
import { JointHandlingService } from './joint-handling.service';

@Module({ controllers: [JointHandlingController], providers: [JointHandlingService], exports: [JointHandlingService] })
export class JointHandlingModule {}
