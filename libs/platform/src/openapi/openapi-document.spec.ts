import { OpenAPIObject } from '@nestjs/swagger';
import { finishDocument, toJsonSchemaNullable } from './openapi-document';

describe('finishing the generated document as OpenAPI 3.1', () => {
  it('writes nullable the JSON Schema way: a null type, null among the enum, or a choice of null', () => {
    expect(toJsonSchemaNullable({ type: 'string', format: 'date-time', nullable: true, description: 'When.' })).toEqual({
      type: ['string', 'null'],
      format: 'date-time',
      description: 'When.',
    });
    expect(toJsonSchemaNullable({ type: 'string', enum: ['up', 'down'], nullable: true })).toEqual({ type: ['string', 'null'], enum: ['up', 'down', null] });
    expect(toJsonSchemaNullable({ allOf: [{ $ref: '#/components/schemas/A' }], nullable: true, description: 'An A.' })).toEqual({
      description: 'An A.',
      oneOf: [{ allOf: [{ $ref: '#/components/schemas/A' }] }, { type: 'null' }],
    });
  });

  it('leaves everything else as it was, a property that happens to be called nullable included', () => {
    const schema = { type: 'object', properties: { nullable: { type: 'boolean', nullable: false }, items: { type: 'array', items: { type: 'string' } } } };
    expect(toJsonSchemaNullable(schema)).toEqual({ type: 'object', properties: { nullable: { type: 'boolean' }, items: schema.properties.items } });
  });

  it('documents the 500 internal-error problem on every operation, keeping the others', () => {
    const ok = { description: 'ok' };
    const document = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: { '/a': { get: { responses: { 200: ok } }, post: { responses: { 201: ok } } } },
    } as unknown as OpenAPIObject;
    const finished = finishDocument(document);
    for (const operation of [finished.paths['/a'].get!, finished.paths['/a'].post!]) {
      expect(operation.responses[500]).toMatchObject({
        content: { 'application/problem+json': { example: { type: 'https://gridwhistle.dev/problems/internal-error', status: 500 } } },
      });
      expect(operation.responses[500]).not.toHaveProperty('status');
    }
    expect(finished.paths['/a'].get!.responses[200]).toEqual(ok);
  });
});
