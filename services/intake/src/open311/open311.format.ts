import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Problem } from '@gridwhistle/platform';

export const OPEN311_FORMATS = ['xml', 'json'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

/** The element each list's members are written as, in GeoReport v2's XML. */
const MEMBERS: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  service_requests_updates: 'request_update',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

type Value = string | number | boolean | null | undefined | Value[] | { [name: string]: Value };

const escape = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

function element(name: string, value: Value): string {
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((member) => element(MEMBERS[name] ?? 'item', member)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([key, member]) => element(key, member)).join('')}</${name}>`;
  return `<${name}>${escape(String(value))}</${name}>`;
}

/** Sends an Open311 document: XML under its root element, or JSON as the spec writes it (the root's content). */
export function sendOpen311(reply: FastifyReply, format: Open311Format, root: string, value: Value, status = 200): void {
  if (format === 'xml') void reply.status(status).type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>${element(root, value)}`);
  else void reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(value));
}

/** The format a request asked for by its suffix; JSON when it named none. */
export function formatOf(url: string): Open311Format {
  return /\.xml(\?|$)/.test(url) ? 'xml' : 'json';
}

/**
 * Open311 clients read errors in GeoReport v2's format, not as problems: a list of
 * `{ code, description }` in the format asked for, with the HTTP status as the code.
 */
@Catch()
export class Open311ErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent) return;
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    if (status === 500) this.logger.error(`${request.method} ${request.url.split('?')[0]} failed: ${exception instanceof Error ? exception.stack : String(exception)}`);
    const errors = status === 500 ? [{ code: 500, description: 'the error was logged; try again later' }] : descriptions(exception as HttpException).map((description) => ({ code: status, description }));
    for (const [name, value] of Object.entries(exception instanceof Problem ? exception.headers : {})) void reply.header(name, value);
    sendOpen311(reply, formatOf(request.url), 'errors', errors, status);
  }
}

function descriptions(exception: HttpException): string[] {
  if (exception instanceof Problem) return exception.details.errors?.map((error) => error.message) ?? [exception.details.detail];
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return [Array.isArray(message) ? message.join('; ') : String(message ?? exception.message)];
}
