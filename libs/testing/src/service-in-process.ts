import { DynamicModule, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { Producer } from '@gridwhistle/contracts';
import { serviceDatabase } from '@gridwhistle/persistence';
import { ServiceApi, ServiceEnv, loadEnv, startService } from '@gridwhistle/platform';
import { IsolatedEnvironment, createIsolatedEnvironment } from './isolated-environment';
import { migrateAsOwner } from './migrated-data-source';

/** What a service's main.ts puts together, for a test to start the service the same way. */
export interface ServiceDefinition<E extends ServiceEnv> {
  service: Producer;
  envClass: new () => E;
  database: (env: E) => PostgresConnectionOptions;
  module: (env: E) => DynamicModule;
  api: ServiceApi;
}

/** A route as Fastify registered it: `GET /v1/cases/:id`. */
export interface RegisteredRoute {
  method: string;
  url: string;
}

export interface ServiceInProcess {
  app: NestFastifyApplication;
  /** Every route Fastify registered, whoever registered it (Nest, Swagger, plugins). */
  routes: RegisteredRoute[];
  stop(): Promise<void>;
}

export interface InProcessOptions {
  /** Variables beside the test defaults, e.g. a short retry schedule. */
  env?: Record<string, string>;
  /** Runs on this environment (to start a service again on the data of an earlier run); the caller disposes of it. */
  environment?: IsolatedEnvironment;
}

/**
 * Starts one service in this process through startService, as its main.ts does, on a database
 * (migrated) and Kafka namespace of its own, listening on a free port of 127.0.0.1.
 */
export async function startServiceInProcess<E extends ServiceEnv>(definition: ServiceDefinition<E>, options: InProcessOptions = {}): Promise<ServiceInProcess> {
  const isolated = options.environment ?? (await createIsolatedEnvironment([serviceDatabase(definition.service)]));
  const env = loadEnv(definition.envClass, {
    ...options.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: isolated.databaseUrl,
    KAFKA_BROKERS: isolated.kafka.brokers.join(','),
    KAFKA_NAMESPACE: isolated.namespace,
    LOG_LEVEL: 'error',
    GRIDWHISTLE_PROFILE: 'local',
  });
  await migrateAsOwner(definition.database(env), isolated.databaseUrl);

  const routes: RegisteredRoute[] = [];
  const app = await startService(definition.service, recordingRoutes(definition.module(env), routes), env, definition.api);
  return {
    app,
    routes,
    async stop() {
      await app.close();
      if (!options.environment) await isolated.dispose();
    },
  };
}

/**
 * Wraps a service's module so that Fastify's onRoute hook is in place before any route is
 * registered: providers are created before Nest registers its routes and Swagger its own.
 */
function recordingRoutes(module: DynamicModule, routes: RegisteredRoute[]): DynamicModule {
  @Module({})
  class RouteRecorder {}

  return {
    module: RouteRecorder,
    imports: [module],
    providers: [
      {
        provide: 'route-recorder',
        inject: [HttpAdapterHost],
        useFactory: (host: HttpAdapterHost) =>
          host.httpAdapter.getInstance().addHook('onRoute', (route: { method: string | string[]; url: string }) => {
            for (const method of [route.method].flat()) routes.push({ method, url: route.url });
          }),
      },
    ],
  };
}
