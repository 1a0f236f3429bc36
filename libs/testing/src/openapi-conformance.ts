import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { API_KEY_SCHEME, OPENAPI_PATH, PROBLEM_MEDIA_TYPE, PROBLEM_TYPES, SWAGGER_UI_PATH } from '@gridwhistle/platform';
import { RegisteredRoute } from './service-in-process';

/* eslint-disable @typescript-eslint/no-explicit-any -- a document read from JSON, checked field by field */
type Json = any;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const PROBLEM_REF = '#/components/schemas/ProblemDetailsDto';
const HTML_MEDIA_TYPE = 'text/html';

/** Error answers that are not problems by design: the health report says what is down. */
export const NOT_PROBLEMS = new Set(['GET /health 503']);

/** Open311 defines its own error format (a list of code and description, in JSON or XML): its operations document that instead. */
const OPEN311_PATHS = /^[A-Z]+ \/open311\//;

/** `GET /v1/cases/:id` as the document writes it: `GET /v1/cases/{id}`. */
export function operationKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

/**
 * The routes a service's document must describe: every route Fastify registered but the
 * document and Swagger UI themselves, and the HEAD twins Fastify adds to GET routes.
 */
export function documentableRoutes(routes: RegisteredRoute[]): string[] {
  const keys = new Set(routes.map((route) => operationKey(route.method, route.url)));
  const own = (url: string) => url === OPENAPI_PATH || url === SWAGGER_UI_PATH || url.startsWith(`${SWAGGER_UI_PATH}/`);
  return [...keys]
    .filter((key) => {
      const [method, url] = key.split(' ');
      return !own(url) && !(method === 'HEAD' && keys.has(`GET ${url}`));
    })
    .sort();
}

export function documentedOperations(document: Json): Map<string, Json> {
  const operations = new Map<string, Json>();
  for (const [path, item] of Object.entries<Json>(document.paths ?? {})) {
    for (const method of METHODS) if (item[method]) operations.set(`${method.toUpperCase()} ${path}`, item[method]);
  }
  return operations;
}

/**
 * Everything that keeps a service's document from being complete, one line each (none when it
 * is): routes missing or invented, operations without a summary, a 2xx schema, problem+json
 * errors and path parameters, security that disagrees with what the service enforces, and
 * schema properties without a description or an example.
 *
 * `authenticated` are the operation keys that answered 401 without an API key.
 */
export function completenessProblems(document: Json, routes: RegisteredRoute[], authenticated: Set<string>): string[] {
  const problems: string[] = [];
  if (document.openapi !== '3.1.0') problems.push(`openapi is ${document.openapi}, not 3.1.0`);
  if (!document.info?.title || !document.info?.description) problems.push('info has no title or description');
  const scheme = document.components?.securitySchemes?.[API_KEY_SCHEME];
  if (scheme?.type !== 'http' || scheme?.scheme !== 'bearer') problems.push(`no HTTP bearer security scheme "${API_KEY_SCHEME}"`);
  if (document.security?.length) problems.push('security is set for the whole document, not per operation');

  const operations = documentedOperations(document);
  const served = documentableRoutes(routes);
  for (const key of served) if (!operations.has(key)) problems.push(`${key} is served but not documented`);
  for (const key of operations.keys()) if (!served.includes(key)) problems.push(`${key} is documented but not served`);

  const tags = new Set((document.tags ?? []).map((tag: Json) => tag.description && tag.name));
  for (const [key, operation] of operations) {
    for (const tag of operation.tags ?? []) if (!tags.has(tag)) problems.push(`${key}: tag ${tag} is not described`);
    if (!operation.tags?.length) problems.push(`${key}: no tag`);
    problems.push(...operationProblems(key, operation, authenticated.has(key)).map((problem) => `${key}: ${problem}`));
  }
  problems.push(...schemaProblems(document));
  if (JSON.stringify(document).includes('"nullable":')) problems.push('"nullable" is OpenAPI 3.0: a 3.1 schema allows null by its type');
  return problems;
}

function operationProblems(key: string, operation: Json, authenticated: boolean): string[] {
  const problems: string[] = [];
  if (!operation.summary?.trim()) problems.push('no summary');
  if (!operation.description?.trim()) problems.push('no description');
  const responses = Object.entries<Json>(operation.responses ?? {});
  const success = responses.filter(([status]) => /^2\d\d$/.test(status));
  if (!success.some(([, response]) => Object.values<Json>(response.content ?? {}).some((media) => media.schema))) {
    problems.push('no 2xx response with a schema');
  }
  // A page for people (HTML) answers its errors as pages too, never as problem documents.
  const page = success.length > 0 && success.every(([, response]) => Object.keys(response.content ?? {}).join() === HTML_MEDIA_TYPE);
  for (const [status, response] of responses) {
    if (!response.description?.trim()) problems.push(`${status} has no description`);
    if (Number(status) < 400 || NOT_PROBLEMS.has(`${key} ${status}`)) continue;
    if (OPEN311_PATHS.test(key)) problems.push(...open311ErrorProblems(status, response));
    else if (!page) problems.push(...problemResponseProblems(status, response));
    else if (Object.keys(response.content ?? {}).join() !== HTML_MEDIA_TYPE) problems.push(`${status} of a page is not ${HTML_MEDIA_TYPE}`);
  }
  if (!operation.responses?.['500']) problems.push('no 500 problem');

  for (const name of key.matchAll(/\{([^}]+)\}/g)) {
    const parameter = (operation.parameters ?? []).find((p: Json) => p.in === 'path' && p.name === name[1]);
    if (!parameter?.schema || !parameter.description) problems.push(`path parameter ${name[1]} is not documented`);
  }
  for (const parameter of operation.parameters ?? []) {
    if (!parameter.description) problems.push(`${parameter.in} parameter ${parameter.name} has no description`);
  }

  const secured = (operation.security ?? []).some((requirement: Json) => API_KEY_SCHEME in requirement);
  if (authenticated && !secured) problems.push('answers 401 without an API key but documents no security');
  if (!authenticated && secured) problems.push('documents security but answers without an API key');
  if (authenticated !== Boolean(operation.responses?.['401'])) problems.push(authenticated ? 'no 401 problem' : 'a 401 it never answers');
  return problems;
}

function problemResponseProblems(status: string, response: Json): string[] {
  const types = Object.keys(response.content ?? {});
  if (types.length !== 1 || types[0] !== PROBLEM_MEDIA_TYPE) return [`${status} is ${types.join(', ') || 'empty'}, not ${PROBLEM_MEDIA_TYPE}`];
  const media = response.content[PROBLEM_MEDIA_TYPE];
  const problems: string[] = [];
  if (media.schema?.$ref !== PROBLEM_REF) problems.push(`${status} is not a ProblemDetails`);
  if (!String(media.example?.type).startsWith(PROBLEM_TYPES) || media.example?.status !== Number(status)) {
    problems.push(`${status} has no example of its problem`);
  }
  return problems;
}

function open311ErrorProblems(status: string, response: Json): string[] {
  const json = response.content?.['application/json'];
  const problems: string[] = [];
  if (!json?.schema?.items?.$ref?.endsWith('/Open311ErrorDto')) problems.push(`${status} is not a list of Open311 errors`);
  if (json?.example?.[0]?.code !== Number(status)) problems.push(`${status} has no example of its error`);
  if (!response.content?.['text/xml']) problems.push(`${status} documents no XML`);
  return problems;
}

/** Every property of every schema says what it is, and every plain value shows an example. */
function schemaProblems(document: Json): string[] {
  const problems: string[] = [];
  const schemas = document.components?.schemas ?? {};
  for (const [name, schema] of Object.entries<Json>(schemas)) {
    for (const [property, definition] of Object.entries<Json>(schema.properties ?? {})) {
      const where = `${name}.${property}`;
      if (!definition.description?.trim()) problems.push(`${where} has no description`);
      if (isPlainValue(definition) && definition.example === undefined) problems.push(`${where} has no example`);
    }
  }
  const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
  for (const ref of new Set(refs.map((match) => match.slice(8, -1)))) {
    if (!ref.startsWith('#/components/schemas/') || !schemas[ref.slice('#/components/schemas/'.length)]) problems.push(`${ref} leads nowhere`);
  }
  return problems;
}

/** A value a client types in or reads as is: not a reference to a schema, nor a list of them. */
function isPlainValue(definition: Json): boolean {
  const inner = definition.type === 'array' ? definition.items : definition;
  return !inner?.$ref && !inner?.allOf && !inner?.oneOf && !inner?.anyOf;
}

/**
 * Validates the document against the official OpenAPI JSON schema of its version, with
 * @seriousme/openapi-schema-validator's CLI: the package is ESM only, which jest cannot load.
 */
export async function schemaValidationErrors(document: Json): Promise<string[]> {
  const folder = await mkdtemp(join(tmpdir(), 'openapi-'));
  try {
    const file = join(folder, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const cli = require.resolve('@seriousme/openapi-schema-validator/bin/validate-api-cli.js');
    const output = await promisify(execFile)(process.execPath, [cli, file]).catch((failure) => failure);
    const result = JSON.parse(output.stdout);
    return result.valid ? [] : [JSON.stringify(result.errors, null, 2)];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
