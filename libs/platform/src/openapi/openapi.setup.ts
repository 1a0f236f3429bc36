import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SCHEME } from './api-key-auth.decorator';
import { finishDocument } from './openapi-document';
import { PROBLEM_TYPES } from '../problems/problem';
import { ProblemDetailsDto, ProblemFieldErrorDto } from './problem-details.dto';

/** How a service introduces its API in its OpenAPI document. */
export interface ServiceApi {
  title: string;
  /** Markdown: what the service is for and how to use it; the common rules are appended. */
  description: string;
  /** What each tag of its operations groups, by tag name. */
  tags: Record<string, string>;
}

export const OPENAPI_PATH = '/openapi.json';
export const SWAGGER_UI_PATH = '/docs';

const COMMON_RULES = `
## Authentication
Operations with the \`api-key\` security requirement (a lock in Swagger UI) need the caller's
API key, sent as \`Authorization: Bearer <api key>\`; a missing or unknown key answers 401.
The others, /health and /metrics among them, are public.

## Errors
Every error is \`application/problem+json\` (RFC 9457): \`type\`
(\`${PROBLEM_TYPES}<slug>\`), \`title\`, \`status\`, \`detail\`, and for validation
problems \`errors\`, one \`{field, message}\` per invalid field.`;

/**
 * Serves the service's OpenAPI 3.1 document at /openapi.json and Swagger UI at /docs, generated
 * from its controllers and DTOs. Swagger UI's assets come from node_modules (swagger-ui-dist),
 * nothing from elsewhere.
 */
export function setupOpenApi(app: NestFastifyApplication, api: ServiceApi): OpenAPIObject {
  const tags = { ...api.tags, operations: 'For operators and orchestrators: health and metrics.' };
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(api.title)
    .setDescription(`${api.description.trim()}\n${COMMON_RULES}`)
    .setVersion('1.0.0')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'API key', description: 'The API key handed to your department or integration.' },
      API_KEY_SCHEME,
    );
  for (const [name, description] of Object.entries(tags)) builder.addTag(name, description);
  const config = builder.build();
  const document = finishDocument(
    SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsDto, ProblemFieldErrorDto] }),
  );
  SwaggerModule.setup(SWAGGER_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_PATH,
    raw: ['json'],
    customSiteTitle: api.title,
    // Swagger UI would otherwise ask validator.swagger.io to check the document.
    swaggerOptions: { validatorUrl: null },
  });
  return document;
}
