import 'reflect-metadata';
import { loadEnv, startService } from '@gridwhistle/platform';
import { AppModule } from './app.module';
import { ROUTING_API } from './routing.api';
import { RoutingEnv } from './routing.env';

const env = loadEnv(RoutingEnv, process.env);
startService('routing', AppModule.register(env), env, ROUTING_API).catch((error) => {
  console.error(error);
  process.exit(1);
});
