import { ConsoleLogger, DynamicModule, LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Registry } from 'prom-client';
import { TransientFailures, connectInbox } from '@gridwhistle/messaging';
import { instrumentHttp } from '@gridwhistle/observability';
import { ServiceApi, setupOpenApi } from './openapi';
import { ServiceEnv } from './service.env';
import { OutageInterceptor } from './outage.interceptor';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Starts one service: Fastify HTTP with validation at the edge, the Kafka inbox transport,
 * metrics, OpenAPI and Swagger UI, graceful shutdown. Used by every main.ts and by the end-to-end tests.
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
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({ bodyLimit: 64 * 1024 }),
    { logger, abortOnError: false },
  );
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }),
  );
  app.useGlobalInterceptors(new OutageInterceptor(app.get(TransientFailures)));
  instrumentHttp(app.getHttpAdapter().getInstance(), app.get(Registry));
  setupOpenApi(app, api);
  connectInbox(app);
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  await app.listen(env.PORT, env.HOST);
  return app;
}
