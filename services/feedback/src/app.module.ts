import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeyAuthModule, coreModules } from '@gridwhistle/platform';
import { FeedbackEnv } from './feedback.env';
import { feedbackDatabase } from './database/feedback.database';
import { PolicyModule } from './policy/policy.module';
import { CallbacksModule } from './callbacks/callbacks.module';
import { ResidentModule } from './resident/resident.module';
import { NoFeedbackModule } from './no-feedback/no-feedback.module';

@Module({})
export class AppModule {
  static register(env: FeedbackEnv): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ...coreModules('feedback', env, feedbackDatabase(env)),
        ApiKeyAuthModule.register('feedback.integrations'),
        PolicyModule.register(env),
        ResidentModule.register(env),
        CallbacksModule,
        NoFeedbackModule,
      ],
    };
  }
}
