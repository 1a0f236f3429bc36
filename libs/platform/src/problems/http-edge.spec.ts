import 'reflect-metadata';
import {
  ArgumentsHost,
  Body,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  HttpCode,
  LoggerService,
  Module,
  NotFoundException,
  Param,
  Post,
  Query,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';
import { TransientFailures } from '@gridwhistle/messaging';
import { ApiKeyAuthenticator } from '../api-key.authenticator';
import { ApiKeyGuard, CallerDirectory } from '../api-key.guard';
import { IsNotBlank } from '../validation/not-blank.validator';
import { BODY_LIMIT, httpAdapter, useHttpEdge } from './http-edge';
import { Problem } from './problem';

class PlaceDto {
  @Matches(/^[a-z]+$/, { message: '$property must be lowercase letters' })
  code: string;
}

class ThingDto {
  @IsString() @IsNotBlank()
  name: string;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => PlaceDto)
  place?: PlaceDto;
}

const LIMIT = { message: 'limit must be an integer from 1 to 200' };
class PageDto {
  @IsOptional() @Type(() => Number) @IsInt(LIMIT) @Min(1, LIMIT) @Max(200, LIMIT)
  limit = 50;
}

@Controller('things')
class ThingsController {
  @Post()
  create(@Body() thing: ThingDto) {
    return thing;
  }

  @Post(':id/touch')
  @HttpCode(200)
  touch(@Param('id') id: string) {
    return { touched: id };
  }

  @Get()
  list(@Query() page: PageDto) {
    return page;
  }

  @Post('broken')
  broken(@Body() _thing: ThingDto) {
    throw new Error('SELECT * FROM intake.cases WHERE name = $1');
  }

  @Get('resolved')
  resolved() {
    throw new Problem(409, 'conflict', 'the case is resolved', { currentState: 'resolved', allowedActions: [] });
  }

  @Get('private')
  @UseGuards(ApiKeyGuard)
  secret() {
    return {};
  }
}

/** A format of its own, as Open311 has. */
@Catch()
class PlainTextErrors implements ExceptionFilter {
  catch(_exception: unknown, host: ArgumentsHost) {
    void host.switchToHttp().getResponse<FastifyReply>().status(404).type('text/plain').send('not here');
  }
}

@Controller('open311')
@UseFilters(PlainTextErrors)
class OtherFormatController {
  @Get()
  find() {
    throw new NotFoundException('no such request');
  }
}

/** A directory that knows no key. */
const nobody: CallerDirectory = { findByKeyHashes: async () => new Map() };

@Module({
  controllers: [ThingsController, OtherFormatController],
  providers: [
    { provide: ApiKeyAuthenticator, useValue: new ApiKeyAuthenticator(nobody, new Registry()) },
    { provide: TransientFailures, useValue: { isTransient: async () => false } },
    ApiKeyGuard,
  ],
})
class EdgeTestModule {}

/** The HTTP edge of every service, in process: what reaches a controller, and how errors look. */
describe('the HTTP edge', () => {
  let app: NestFastifyApplication;
  const logged: string[] = [];
  const logger: LoggerService = { log: () => {}, warn: () => {}, error: (...parts: unknown[]) => logged.push(parts.join(' ')) };

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(EdgeTestModule, httpAdapter(), { logger });
    useHttpEdge(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app?.close());

  async function call(method: 'GET' | 'POST', url: string, body?: string, headers: Record<string, string> = {}) {
    const response = await app.inject({
      method,
      url,
      payload: body,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    });
    const isJson = /json/.test(String(response.headers['content-type']));
    return { status: response.statusCode, headers: response.headers, text: response.body, body: isJson ? response.json() : undefined };
  }
  const json = (value: unknown) => JSON.stringify(value);
  const nested = (depth: number): unknown => (depth === 0 ? 'a' : { code: nested(depth - 1) });

  // [name, method, url, body, headers, status, type, errors?]
  const rows: [string, 'GET' | 'POST', string, string | undefined, Record<string, string>, number, string, object[]?][] = [
    ['malformed JSON', 'POST', '/things', '{"name": ', {}, 400, 'malformed-json'],
    ['a body over the limit', 'POST', '/things', json({ name: 'x'.repeat(BODY_LIMIT) }), {}, 413, 'payload-too-large'],
    ['text/plain', 'POST', '/things', 'a thing', { 'content-type': 'text/plain' }, 415, 'unsupported-media-type'],
    ['form data', 'POST', '/things', 'name=a', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported-media-type'],
    ['an unknown route', 'GET', '/nothing', undefined, {}, 404, 'not-found'],
    ['a URL that does not decode', 'GET', '/things/%E0%A4%A', undefined, {}, 400, 'bad-request'],
    ['no API key', 'GET', '/things/private', undefined, {}, 401, 'unauthorized'],
    ['an empty body where one is needed', 'POST', '/things', '', {}, 400, 'validation-failed', [{ field: 'name', message: 'name must be a string' }]],
    ['null for a body', 'POST', '/things', 'null', {}, 400, 'validation-failed', [{ field: 'name', message: 'name must be a string' }]],
    ['an array for a body', 'POST', '/things', json([{ name: 'a' }]), {}, 400, 'validation-failed', [{ field: 'body', message: 'body must be a JSON object, not an array' }]],
    ['a string for a body', 'POST', '/things', json('a'), {}, 400, 'validation-failed', [{ field: 'name', message: 'name must be a string' }]],
    ['a field of the wrong type: one message', 'POST', '/things', json({ name: 5 }), {}, 400, 'validation-failed', [{ field: 'name', message: 'name must be a string' }]],
    ['a blank field', 'POST', '/things', json({ name: ' \t\n\u3000' }), {}, 400, 'validation-failed', [{ field: 'name', message: 'name must not be blank' }]],
    [
      'nested fields by their path, and unknown ones',
      'POST',
      '/things',
      json({ name: 'a', place: { code: 'AB' }, colour: 'red' }),
      {},
      400,
      'validation-failed',
      [
        { field: 'colour', message: 'property colour should not exist' },
        { field: 'place.code', message: 'place.code must be lowercase letters' },
      ],
    ],
    ['an array for a nested object', 'POST', '/things', json({ name: 'a', place: [{ code: 'ab' }] }), {}, 400, 'validation-failed', [{ field: 'place', message: 'place must be an object' }]],
    ['a NUL', 'POST', '/things', json({ name: 'a\u0000b' }), {}, 400, 'validation-failed', [{ field: 'name', message: 'name must not contain NUL (\\u0000) characters' }]],
    ['a NUL in a key', 'POST', '/things', json({ name: 'a', place: { 'co\u0000de': 'a' } }), {}, 400, 'validation-failed', [{ field: 'place.co\u0000de', message: 'place.co\u0000de must not contain NUL (\\u0000) characters' }]],
    ['a lone high surrogate', 'POST', '/things', json({ name: 'a', place: { code: 'x\ud83d' } }), {}, 400, 'validation-failed', [{ field: 'place.code', message: 'place.code must be valid Unicode: it has an unpaired surrogate' }]],
    ['a lone low surrogate', 'POST', '/things', json({ name: '\ude00' }), {}, 400, 'validation-failed', [{ field: 'name', message: 'name must be valid Unicode: it has an unpaired surrogate' }]],
    ['JSON nested too deep', 'POST', '/things', json({ name: 'a', place: nested(40) }), {}, 400, 'validation-failed', [{ field: 'place', message: 'place must not nest deeper than 32 levels' }]],
    ['limit=abc: one message', 'GET', '/things?limit=abc', undefined, {}, 400, 'validation-failed', [{ field: 'limit', message: 'limit must be an integer from 1 to 200' }]],
    ['a NUL in a query', 'GET', '/things?limit=1%00', undefined, {}, 400, 'validation-failed', [{ field: 'limit', message: 'limit must not contain NUL (\\u0000) characters' }]],
    ['a NUL in a route parameter', 'POST', '/things/a%00/touch', undefined, {}, 400, 'validation-failed', [{ field: 'id', message: 'id must not contain NUL (\\u0000) characters' }]],
  ];

  // Rows as objects: jest would take a missing last element for a done callback.
  const cases = rows.map(([name, method, url, body, headers, status, type, errors]) => ({ name, method, url, body, headers, status, type, errors }));
  it.each(cases)('answers $name as application/problem+json', async ({ method, url, body, headers, status, type, errors }) => {
    const answer = await call(method, url, body, headers);
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(answer.body).toEqual({
      type: `https://gridwhistle.dev/problems/${type}`,
      title: expect.any(String),
      status,
      detail: expect.any(String),
      ...(errors ? { errors } : {}),
    });
  });

  it('names the sizes and types it takes in its details', async () => {
    expect((await call('POST', '/things', json({ name: 'x'.repeat(BODY_LIMIT) }))).body.detail).toBe('the body must not be larger than 64 KiB');
    expect((await call('POST', '/things', 'a', { 'content-type': 'text/plain' })).body.detail).toBe('send the body as JSON, with content-type: application/json');
  });

  it('passes what is sound to the controller', async () => {
    expect(await call('POST', '/things', json({ name: '井盖 😀', place: { code: 'ab' } }))).toMatchObject({ status: 201, body: { name: '井盖 😀', place: { code: 'ab' } } });
    expect(await call('POST', '/things', json({ name: 'a', place: { code: 'ab' } }))).toMatchObject({ status: 201 });
    expect(await call('GET', '/things?limit=7')).toMatchObject({ status: 200, body: { limit: 7 } });
  });

  it('takes an empty JSON body on an action that needs none', async () => {
    expect(await call('POST', '/things/a1/touch', '')).toMatchObject({ status: 200, body: { touched: 'a1' } });
    expect(await call('POST', '/things/a1/touch')).toMatchObject({ status: 200, body: { touched: 'a1' } });
  });

  it('says how to authenticate in WWW-Authenticate', async () => {
    expect((await call('GET', '/things/private')).headers['www-authenticate']).toBe('Bearer');
    const wrongKey = await call('GET', '/things/private', undefined, { authorization: 'Bearer gw_nobody' });
    expect(wrongKey).toMatchObject({ status: 401, body: { type: 'https://gridwhistle.dev/problems/unauthorized', detail: 'unknown API key' } });
    expect(wrongKey.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('carries a problem’s own members', async () => {
    expect(await call('GET', '/things/resolved')).toEqual({
      status: 409,
      headers: expect.objectContaining({ 'content-type': 'application/problem+json; charset=utf-8' }),
      text: expect.any(String),
      body: {
        type: 'https://gridwhistle.dev/problems/conflict',
        title: 'Conflict',
        status: 409,
        detail: 'the case is resolved',
        currentState: 'resolved',
        allowedActions: [],
      },
    });
  });

  it('answers a failure with a 500 that says nothing internal, and logs it without the body', async () => {
    logged.length = 0;
    const answer = await call('POST', '/things/broken', json({ name: '13812345678' }));
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ type: 'https://gridwhistle.dev/problems/internal-error', status: 500 });
    expect(answer.text).not.toMatch(/SELECT|intake|13812345678|at /);
    expect(logged.join('\n')).toMatch(/POST \/things\/broken failed: Error: SELECT/);
    expect(logged.join('\n')).not.toContain('13812345678');
  });

  it('leaves controllers with a format of their own to their filters', async () => {
    expect(await call('GET', '/open311')).toMatchObject({ status: 404, text: 'not here' });
  });
});
