import { describeApiDocument } from '@gridwhistle/testing';
import { AppModule } from './app.module';
import { routingDatabase } from './database';
import { ROUTING_API } from './routing.api';
import { RoutingEnv } from './routing.env';

describeApiDocument({ service: 'routing', envClass: RoutingEnv, database: routingDatabase, module: AppModule.register, api: ROUTING_API });
