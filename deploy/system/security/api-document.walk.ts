/* eslint-disable @typescript-eslint/no-explicit-any -- OpenAPI documents read from JSON */
import { RunningSystem } from '../running-system';
import { ServiceName } from '../setup';

export interface Operation {
  service: ServiceName;
  method: string;
  path: string;
  secured: boolean;
  hasId: boolean;
  /** A body built from the document's examples, for operations that take one. */
  body?: unknown;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation a running service documents at /openapi.json: new endpoints join the tests once they are documented. */
export async function documentedOperations(system: RunningSystem, service: ServiceName): Promise<Operation[]> {
  const document = (await system.call(service, '/openapi.json')).body;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const method of METHODS.filter((m) => item[m])) {
      const operation = item[method];
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      operations.push({
        service,
        method: method.toUpperCase(),
        path,
        secured: (operation.security ?? []).length > 0,
        hasId: /\{id\}/.test(path),
        ...(schema ? { body: exampleOf(schema, document) } : {}),
      });
    }
  }
  return operations;
}

/** A value of `schema` made of the examples the document gives (every property has one). */
export function exampleOf(schema: any, document: any): unknown {
  if (schema.$ref) return exampleOf(document.components.schemas[schema.$ref.split('/').pop()], document);
  if (schema.example !== undefined) return schema.example;
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part: any) => exampleOf(part, document)));
  if (schema.type === 'object' || schema.properties) {
    return Object.fromEntries(Object.entries<any>(schema.properties ?? {}).map(([name, property]) => [name, exampleOf(property, document)]));
  }
  if (schema.type === 'array') return [exampleOf(schema.items, document)];
  if (schema.enum) return schema.enum[0];
  return schema.type === 'string' ? 'x' : schema.type === 'boolean' ? true : 1;
}
