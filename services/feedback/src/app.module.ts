import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeyGuard, CallerDirectory, apiKeyAuth, coreModules } from '@gridwhistle/platform';
import { FeedbackEnv } from './feedback.env';
import { feedbackDatabase } from './database/feedback.database';
import { CallbacksModule } from './callbacks/callbacks.module';

@Module({})
export class AppModule {
  static register(env: FeedbackEnv): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [...coreModules('feedback', env, feedbackDatabase(env)), CallbacksModule],
      providers: apiKeyAuth('feedback.integrations'),
      exports: [CallerDirectory, ApiKeyGuard],
    };
  }
}
