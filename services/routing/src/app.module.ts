import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeyAuthModule, coreModules } from '@gridwhistle/platform';
import { RoutingEnv } from './routing.env';
import { routingDatabase } from './database/routing.database';
import { DispatchModule } from './dispatch/dispatch.module';
import { ExplanationsModule } from './explanations/explanations.module';
import { DirectoryVersionsModule } from './directory/directory-versions.module';

@Module({})
export class AppModule {
  static register(env: RoutingEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules('routing', env, routingDatabase(env)),
        DispatchModule.register({ intervalMs: env.TRIAGE_SWEEP_INTERVAL_MS, batchSize: 500 }),
        ApiKeyAuthModule.register('routing.operators'),
        ExplanationsModule,
        DirectoryVersionsModule,
      ],
    };
  }
}
