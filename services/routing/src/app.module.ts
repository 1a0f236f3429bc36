import { DynamicModule, Module } from '@nestjs/common';
import { coreModules } from '@gridwhistle/platform';
import { RoutingEnv } from './routing.env';
import { routingDatabase } from './database/routing.database';
import { DispatchModule } from './dispatch/dispatch.module';

@Module({})
export class AppModule {
  static register(env: RoutingEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules('routing', env, routingDatabase(env)),
        DispatchModule.register({ intervalMs: env.TRIAGE_SWEEP_INTERVAL_MS, batchSize: 500 }),
      ],
    };
  }
}
