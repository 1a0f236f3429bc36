import { ConsoleLogger, DynamicModule, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Registry } from 'prom-client';
import { connectInbox } from '@gridwhistle/messaging';
import { instrumentHttp } from '@gridwhistle/observability';
import { ServiceEnv } from './service.env';
import { httpAdapter, useHttpEdge } from './problems/http-edge';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Starts one service: Fastify HTTP with validation and problem+json errors at the edge, the
 * Kafka inbox transport, metrics and graceful shutdown. Used by every main.ts and by the
 * end-to-end tests.
 */
export async function startService(
  service: string,
  module: DynamicModule,
  env: ServiceEnv,
): Promise<NestFastifyApplication> {
  const logger = new ConsoleLogger(service, {
    json: env.LOG_FORMAT === 'json',
    logLevels: LEVELS.slice(0, LEVELS.indexOf(env.LOG_LEVEL) + 1),
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, httpAdapter(), { logger, abortOnError: false });
  useHttpEdge(app);
  instrumentHttp(app.getHttpAdapter().getInstance(), app.get(Registry));
  connectInbox(app);
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  await app.listen(env.PORT, env.HOST);
  return app;
}
