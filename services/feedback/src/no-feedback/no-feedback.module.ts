import { Module } from '@nestjs/common';
import { NoFeedbackTimer } from './no-feedback.timer';

@Module({ providers: [NoFeedbackTimer] })
export class NoFeedbackModule {}
