import { OPENAPI_PATH, SWAGGER_UI_PATH, ServiceEnv, UUID_EXAMPLE } from '@gridwhistle/platform';
import { completenessProblems, documentableRoutes, schemaValidationErrors } from './openapi-conformance';
import { ServiceDefinition, ServiceInProcess, startServiceInProcess } from './service-in-process';

export interface ApiDocumentContext {
  service: ServiceInProcess;
  /** The document as the service serves it at /openapi.json. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, read by the tests
  document: any;
}

/**
 * The tests every service's API document must pass, with the service started in this process
 * as its main.ts starts it; `more` adds the service's own tests on the same running service.
 */
export function describeApiDocument<E extends ServiceEnv>(
  definition: ServiceDefinition<E>,
  more?: (context: () => ApiDocumentContext) => void,
): void {
  describe(`the ${definition.service} service's API document`, () => {
    let context: ApiDocumentContext;

    beforeAll(async () => {
      const service = await startServiceInProcess(definition);
      const response = await service.app.inject({ method: 'GET', url: OPENAPI_PATH });
      context = { service, document: response.json() };
      expect(response.statusCode).toBe(200);
    });
    afterAll(() => context?.service.stop());

    it('is a valid OpenAPI 3.1.0 document', async () => {
      expect(context.document).toMatchObject({ openapi: '3.1.0', info: { title: definition.api.title } });
      expect(await schemaValidationErrors(context.document)).toEqual([]);
    });

    it('documents every route Fastify registered, completely, with security exactly where the key is asked for', async () => {
      const { app, routes } = context.service;
      const authenticated = new Set<string>();
      for (const key of documentableRoutes(routes)) {
        const [method, url] = key.split(' ');
        const answer = await app.inject({ method: method as 'GET', url: url.replace(/\{[^}]+\}/g, UUID_EXAMPLE) });
        if (answer.statusCode === 401) authenticated.add(key);
      }
      expect(documentableRoutes(routes)).toEqual(expect.arrayContaining(['GET /health', 'GET /metrics']));
      expect(completenessProblems(context.document, routes, authenticated)).toEqual([]);
    });

    it('serves Swagger UI at /docs from its own assets, nothing from elsewhere', async () => {
      const { app } = context.service;
      const page = await app.inject({ method: 'GET', url: SWAGGER_UI_PATH });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const assets = [...page.body.matchAll(/(?:src|href)=['"]([^'"]+)['"]/g)].map((match) => match[1]);
      expect(assets).toEqual(expect.arrayContaining([expect.stringMatching(/swagger-ui-bundle\.js$/), expect.stringMatching(/swagger-ui-init\.js$/)]));
      for (const asset of assets) {
        expect(asset).not.toMatch(/^(https?:)?\/\//);
        const url = new URL(asset, `http://service${SWAGGER_UI_PATH}`).pathname;
        const served = await app.inject({ method: 'GET', url });
        expect({ url, status: served.statusCode, empty: served.body.length === 0 }).toEqual({ url, status: 200, empty: false });
      }
      const init = await app.inject({ method: 'GET', url: `${SWAGGER_UI_PATH}/swagger-ui-init.js` });
      expect(init.body).toContain(JSON.stringify(definition.api.title));
    });

    more?.(() => context);
  });
}
