import 'reflect-metadata';
import { runService } from '@gridwhistle/platform';
import { AppModule } from './app.module';
import { ROUTING_API } from './routing.api';
import { RoutingEnv } from './routing.env';

runService('routing', RoutingEnv, (env) => AppModule.register(env), ROUTING_API);
