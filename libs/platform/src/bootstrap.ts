import { ConsoleLogger, DynamicModule, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Registry } from 'prom-client';
import { TransientFailures, connectInbox } from '@gridwhistle/messaging';
import { instrumentHttp } from '@gridwhistle/observability';
import { ServiceApi, setupOpenApi } from './openapi';
import { InvalidEnvironmentError, ServiceEnv, loadEnv } from './service.env';
import { OutageInterceptor } from './outage.interceptor';
import { httpAdapter, useHttpEdge } from './problems/http-edge';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Starts one service: Fastify HTTP with validation and problem+json errors at the edge, the
 * Kafka inbox transport, metrics, OpenAPI and Swagger UI, graceful shutdown. Used by every
 * main.ts and by the end-to-end tests.
 */
export async function startService(
  service: string,
  module: DynamicModule,
  env: ServiceEnv,
  api: ServiceApi,
): Promise<NestFastifyApplication> {
  const logger = new ConsoleLogger(service, {
    json: env.LOG_FORMAT === 'json',
    logLevels: LEVELS.slice(0, LEVELS.indexOf(env.LOG_LEVEL) + 1),
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, httpAdapter(), { logger, abortOnError: false });
  useHttpEdge(app);
  app.useGlobalInterceptors(new OutageInterceptor(app.get(TransientFailures)));
  instrumentHttp(app.getHttpAdapter().getInstance(), app.get(Registry));
  setupOpenApi(app, api);
  connectInbox(app);
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  await app.listen(env.PORT, env.HOST);
  return app;
}

/**
 * A service's main.ts: reads and validates its environment, then starts it. A refused
 * environment is printed as its list of reasons (no stack trace); any failure exits 1.
 */
export function runService<E extends ServiceEnv>(
  service: string,
  envClass: new () => E,
  module: (env: E) => DynamicModule,
  api: ServiceApi,
): void {
  let env: E;
  try {
    env = loadEnv(envClass, process.env);
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    console.error(`${service}: ${error.message}`);
    process.exit(1);
  }
  startService(service, module(env), env, api).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
