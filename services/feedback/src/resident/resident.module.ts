import { DynamicModule, Module } from '@nestjs/common';
import { AnswersModule } from '../answers/answers.module';
import { FeedbackEnv } from '../feedback.env';
import { FeedbackLinkKey } from './feedback-link.key';
import { FeedbackRequests } from './feedback-requests';
import { FormBodyParser } from './form-body.parser';
import { ResidentPageController } from './resident-page.controller';
import { ResidentPageService } from './resident-page.service';

/** The resident's side: links asked for over Kafka, and the page behind them. */
@Module({})
export class ResidentModule {
  static register(env: FeedbackEnv): DynamicModule {
    return {
      module: ResidentModule,
      global: true,
      imports: [AnswersModule],
      controllers: [ResidentPageController],
      providers: [{ provide: FeedbackLinkKey, useValue: new FeedbackLinkKey(env.FEEDBACK_LINK_KEY) }, FeedbackRequests, ResidentPageService, FormBodyParser],
      exports: [FeedbackRequests],
    };
  }
}
