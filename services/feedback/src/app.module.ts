import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeyAuthModule, coreModules } from '@gridwhistle/platform';
import { FeedbackEnv } from './feedback.env';
import { feedbackDatabase } from './database/feedback.database';
import { CallbacksModule } from './callbacks/callbacks.module';

@Module({})
export class AppModule {
  static register(env: FeedbackEnv): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [...coreModules('feedback', env, feedbackDatabase(env)), ApiKeyAuthModule.register('feedback.integrations'), CallbacksModule],
    };
  }
}
