import { Logger } from '@nestjs/common';
import { Logger as TypeOrmLogger } from 'typeorm';

const REDACTED = '<redacted>';
/** Shorter values are left alone: redacting "1" or "ok" would garble messages and hide nothing. */
const MIN_REDACTED_LENGTH = 3;

/**
 * Removes the values of a query's parameters from a text about it. Postgres quotes a value
 * it could not take in its message (`invalid input syntax for type uuid: "…"`), and the
 * parameters hold what residents typed.
 */
export function redactParameters(text: string, parameters: unknown[] | undefined): string {
  if (!parameters?.length) return text;
  const values = [...new Set(parameters.flatMap(textForms))]
    .filter((value) => value.length >= MIN_REDACTED_LENGTH)
    .sort((a, b) => b.length - a.length);
  return values.reduce((redacted, value) => redacted.split(value).join(REDACTED), text);
}

/** The forms a parameter can take in a message: its text, and the text of everything inside it. */
function textForms(value: unknown): string[] {
  if (value === null || value === undefined || Buffer.isBuffer(value)) return [];
  if (Array.isArray(value)) return value.flatMap(textForms);
  if (value instanceof Date) return [value.toISOString()];
  if (typeof value === 'object') return [JSON.stringify(value), ...Object.values(value).flatMap(textForms)];
  return [String(value)];
}

/**
 * TypeORM's log through Nest's logger. A failed query is logged with its statement, its
 * SQLSTATE and its message, never with its parameters or the error's detail (which repeats
 * the values of a violated key).
 */
export class QueryLogger implements TypeOrmLogger {
  private readonly logger = new Logger('database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    const code = typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
    const message = redactParameters(typeof error === 'string' ? error : error.message, parameters);
    this.logger.error(`query failed${typeof code === 'string' ? ` (${code})` : ''}: ${message} in: ${oneLine(query)}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${oneLine(query)}`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.debug(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}

function oneLine(query: string): string {
  return query.replace(/\s+/g, ' ').trim();
}
