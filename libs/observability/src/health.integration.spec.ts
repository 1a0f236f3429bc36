import 'reflect-metadata';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { KafkaHealth, kafkaConfig } from '@gridwhistle/messaging';
import { HealthModule } from './health.module';

/** /health answers 200 only while both Postgres and Kafka really answer. */
describe('GET /health', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(() => Promise.all(cleanups.map((cleanup) => cleanup())));

  // The server's maintenance database: it exists on every Postgres, provisioned or not.
  const maintenanceUrl = new URL(process.env.DATABASE_URL!);
  maintenanceUrl.pathname = '/postgres';

  async function healthWith(brokers: string, postgresUp: boolean) {
    const dataSource = await new DataSource({ type: 'postgres', url: maintenanceUrl.toString() }).initialize();
    if (postgresUp) cleanups.push(() => dataSource.destroy());
    else await dataSource.destroy();
    const kafka = new Kafka({ ...kafkaConfig({ brokers: [brokers], namespace: 'health', clientId: 'health-test' }), retry: { retries: 0 } });
    const health = new KafkaHealth(kafka);
    cleanups.push(() => health.onApplicationShutdown());

    @Global()
    @Module({
      imports: [HealthModule],
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: KafkaHealth, useValue: health },
      ],
      exports: [DataSource, KafkaHealth],
    })
    class Probe {}

    const app = await NestFactory.create<NestFastifyApplication>(Probe, new FastifyAdapter(), { logger: false });
    cleanups.push(() => app.close());
    await app.init();
    const response = await app.inject({ method: 'GET', url: '/health' });
    return { status: response.statusCode, body: response.json() };
  }

  it('is 200 when both answer', async () => {
    expect(await healthWith(process.env.KAFKA_BROKERS!.split(',')[0], true)).toEqual({
      status: 200,
      body: { status: 'ok', checks: { postgres: 'up', kafka: 'up' } },
    });
  });

  it('is 503 and names what is down otherwise', async () => {
    expect(await healthWith('127.0.0.1:1', true)).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { postgres: 'up', kafka: 'down' } },
    });
    expect(await healthWith(process.env.KAFKA_BROKERS!.split(',')[0], false)).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { postgres: 'down', kafka: 'up' } },
    });
  });
});
