import { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { Producer } from '@gridwhistle/contracts';
import { MessagingModule } from '@gridwhistle/messaging';
import { HealthModule, MetricsModule } from '@gridwhistle/observability';
import { ServiceEnv } from './service.env';

/** What every service's AppModule imports: metrics, its database, Kafka messaging, health. */
export function coreModules(service: Producer, env: ServiceEnv, database: PostgresConnectionOptions): DynamicModule[] {
  return [
    MetricsModule.register(service, { port: env.METRICS_PORT, host: env.HOST, token: env.METRICS_TOKEN }),
    TypeOrmModule.forRoot(database),
    MessagingModule.register({ service, schema: database.schema!, kafka: env.kafka(service) }),
    { module: HealthModule },
  ];
}
