import 'reflect-metadata';
import { Controller, Get, Global, Module, NotFoundException, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { TransientFailures } from '@gridwhistle/messaging';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { ApiKeyGuard, CallerDirectory } from './api-key.guard';
import { OutageInterceptor } from './outage.interceptor';
import { BODY_LIMIT } from './problems/http-edge';
import { ProblemsFilter } from './problems/problems.filter';

/** During a database outage a caller gets 503 and Retry-After, to try again, never a 500. */
describe('requests during a database outage', () => {
  let app: NestFastifyApplication;
  let databaseAnswers = true;
  let failure: Error;

  @Controller()
  class Probe {
    @Get('fails')
    fails() {
      throw failure;
    }

    @Get('missing')
    missing() {
      throw new NotFoundException('no such case');
    }

    @Get('guarded')
    @UseGuards(ApiKeyGuard)
    guarded() {
      return { ok: true };
    }
  }

  const database = { query: async () => (databaseAnswers ? [{}] : Promise.reject(new Error('the database is away'))) };
  const directory: CallerDirectory = { findByKeyHashes: async () => Promise.reject(failure) };

  @Global()
  @Module({
    controllers: [Probe],
    providers: [
      { provide: TransientFailures, useValue: new TransientFailures(database as unknown as DataSource) },
      { provide: ApiKeyAuthenticator, useValue: new ApiKeyAuthenticator(directory, new Registry()) },
      ApiKeyGuard,
    ],
  })
  class ProbeModule {}

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), { logger: false });
    app.useGlobalFilters(new ProblemsFilter(BODY_LIMIT));
    app.useGlobalInterceptors(new OutageInterceptor(app.get(TransientFailures)));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app?.close());

  const get = (url: string) => app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers: { authorization: 'Bearer gw_key' } });

  it('answers a lost connection with 503 and Retry-After', async () => {
    databaseAnswers = true;
    failure = new Error('Connection terminated unexpectedly');
    const response = await get('/fails');
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
  });

  it('answers a failure of an unknown shape with 503 while the database does not answer, with 500 while it does', async () => {
    failure = Object.assign(new Error('object not in prerequisite state'), { code: '55000' });
    databaseAnswers = false;
    expect((await get('/fails')).statusCode).toBe(503);
    databaseAnswers = true;
    expect((await get('/fails')).statusCode).toBe(500);
  });

  it('leaves answers that are not failures as they are', async () => {
    databaseAnswers = false;
    expect((await get('/missing')).statusCode).toBe(404);
  });

  it('answers 503 when the API key cannot be looked up during an outage', async () => {
    failure = new Error('timeout exceeded when trying to connect');
    const response = await get('/guarded');
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
  });
});
