import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeyAuthModule, coreModules } from '@gridwhistle/platform';
import { RoutingEnv } from './routing.env';
import { routingDatabase } from './database/routing.database';
import { DispatchModule } from './dispatch/dispatch.module';
import { ExplanationsModule } from './explanations/explanations.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { ReturnsModule } from './returns/returns.module';
import { CommandCentreModule } from './command-centre/command-centre.module';
import { DirectoryVersionsModule } from './directory/directory-versions.module';

@Module({})
export class AppModule {
  static register(env: RoutingEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules('routing', env, routingDatabase(env)),
        DeadlinesModule.register({ intervalMs: env.DEADLINE_POLL_INTERVAL_MS, batchSize: 500, now: () => new Date() }),
        DispatchModule.register({ intervalMs: env.TRIAGE_SWEEP_INTERVAL_MS, batchSize: 500 }),
        ApiKeyAuthModule.register('routing.operators'),
        ExplanationsModule,
        ReturnsModule,
        CommandCentreModule,
        DirectoryVersionsModule,
      ],
    };
  }
}
