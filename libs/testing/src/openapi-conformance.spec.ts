/* eslint-disable @typescript-eslint/no-explicit-any -- the fixture is spoiled field by field */
import { completenessProblems, documentableRoutes, operationKey } from './openapi-conformance';

const problem = (status: number) => ({
  description: `problem ${status}`,
  content: {
    'application/problem+json': {
      schema: { $ref: '#/components/schemas/ProblemDetailsDto' },
      example: { type: 'https://gridwhistle.dev/problems/x', title: 'x', status, detail: 'x' },
    },
  },
});

/** A small document that passes every check: one public and one authenticated operation. */
function completeDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'GridWhistle test', description: 'A service.', version: '1.0.0' },
    tags: [{ name: 'cases', description: 'Cases.' }],
    paths: {
      '/v1/cases/{id}': {
        get: {
          summary: 'Follow a case',
          description: 'The public view.',
          tags: ['cases'],
          parameters: [{ name: 'id', in: 'path', description: 'The id.', schema: { type: 'string', format: 'uuid' } }],
          responses: {
            200: { description: 'The case.', content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseDto' } } } },
            404: problem(404),
            500: problem(500),
          },
        },
      },
      '/v1/cases': {
        post: {
          summary: 'Report a case',
          description: 'Reports.',
          tags: ['cases'],
          security: [{ 'api-key': [] }],
          responses: {
            201: { description: 'Created.', content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseDto' } } } },
            401: problem(401),
            500: problem(500),
          },
        },
      },
    },
    components: {
      securitySchemes: { 'api-key': { type: 'http', scheme: 'bearer' } },
      schemas: {
        CaseDto: {
          type: 'object',
          properties: {
            id: { type: 'string', description: 'The id.', example: 'a' },
            resolvedAt: { type: ['string', 'null'], description: 'When.', example: null },
            timeline: { type: 'array', description: 'Steps.', items: { $ref: '#/components/schemas/StepDto' } },
          },
        },
        StepDto: { type: 'object', properties: { at: { type: 'string', description: 'When.', example: 'now' } } },
        ProblemDetailsDto: { type: 'object', properties: { type: { type: 'string', description: 'Kind.', example: 'x' } } },
      },
    },
  };
}

const routes = [
  { method: 'GET', url: '/v1/cases/:id' },
  { method: 'HEAD', url: '/v1/cases/:id' },
  { method: 'POST', url: '/v1/cases' },
  { method: 'GET', url: '/openapi.json' },
  { method: 'GET', url: '/docs' },
  { method: 'GET', url: '/docs/*' },
];
const authenticated = new Set(['POST /v1/cases']);

describe('the completeness checks of an API document', () => {
  it('find nothing wrong with a complete document', () => {
    expect(completenessProblems(completeDocument(), routes, authenticated)).toEqual([]);
  });

  it('want every route but the documentation itself and HEAD twins of GET routes', () => {
    expect(operationKey('get', '/v1/cases/:id/feedback')).toBe('GET /v1/cases/{id}/feedback');
    expect(documentableRoutes([...routes, { method: 'HEAD', url: '/ping' }])).toEqual(['GET /v1/cases/{id}', 'HEAD /ping', 'POST /v1/cases']);
  });

  it.each([
    ['a served route left out', (d: any) => delete d.paths['/v1/cases'], 'POST /v1/cases is served but not documented'],
    ['an operation nothing serves', (d: any) => (d.paths['/v1/cases'].put = d.paths['/v1/cases'].post), 'PUT /v1/cases is documented but not served'],
    ['an operation without a summary', (d: any) => delete d.paths['/v1/cases'].post.summary, 'POST /v1/cases: no summary'],
    ['an untagged operation', (d: any) => delete d.paths['/v1/cases'].post.tags, 'POST /v1/cases: no tag'],
    ['a success without a schema', (d: any) => delete d.paths['/v1/cases'].post.responses[201].content, 'POST /v1/cases: no 2xx response with a schema'],
    [
      'an error that is not a problem',
      (d: any) => (d.paths['/v1/cases/{id}'].get.responses[404].content = { 'application/json': { schema: {} } }),
      'GET /v1/cases/{id}: 404 is application/json, not application/problem+json',
    ],
    ['no 500', (d: any) => delete d.paths['/v1/cases/{id}'].get.responses[500], 'GET /v1/cases/{id}: no 500 problem'],
    ['an undocumented path parameter', (d: any) => (d.paths['/v1/cases/{id}'].get.parameters = []), 'GET /v1/cases/{id}: path parameter id is not documented'],
    ['a key asked for but not documented', (d: any) => delete d.paths['/v1/cases'].post.security, 'POST /v1/cases: answers 401 without an API key but documents no security'],
    ['a key documented but not asked for', (d: any) => (d.paths['/v1/cases/{id}'].get.security = [{ 'api-key': [] }]), 'GET /v1/cases/{id}: documents security but answers without an API key'],
    ['a property without a description', (d: any) => delete d.components.schemas.StepDto.properties.at.description, 'StepDto.at has no description'],
    ['a plain property without an example', (d: any) => delete d.components.schemas.CaseDto.properties.id.example, 'CaseDto.id has no example'],
    ['a reference to nothing', (d: any) => (d.components.schemas.CaseDto.properties.timeline.items.$ref = '#/components/schemas/Gone'), '#/components/schemas/Gone leads nowhere'],
    ['a 3.0 nullable', (d: any) => (d.components.schemas.CaseDto.properties.resolvedAt = { type: 'string', nullable: true, description: 'x', example: null }), '"nullable" is OpenAPI 3.0: a 3.1 schema allows null by its type'],
    ['another OpenAPI version', (d: any) => (d.openapi = '3.0.0'), 'openapi is 3.0.0, not 3.1.0'],
  ])('find %s', (_, spoil, expected) => {
    const document = completeDocument();
    spoil(document);
    expect(completenessProblems(document, routes, authenticated)).toContain(expected);
  });
});
