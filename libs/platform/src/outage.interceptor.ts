import { CallHandler, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, catchError, from, mergeMap, throwError } from 'rxjs';
import { TransientFailures } from '@gridwhistle/messaging';
import { Problem } from './problems/problem';

/** Seconds a caller is asked to wait before trying again while the database is away. */
export const RETRY_AFTER_SECONDS = 5;
export const UNAVAILABLE_DETAIL = 'the service cannot reach its database just now; try again shortly';

/**
 * What a request's failure means to its caller: a failure of the infrastructure (the database
 * away, see TransientFailures) becomes 503 with Retry-After, to be retried; anything else stays
 * as it is. Used by the interceptor and by the API-key guard (guards run before interceptors).
 */
export async function asUnavailable(failures: TransientFailures, error: unknown): Promise<unknown> {
  if (error instanceof HttpException || !(await failures.isTransient(error))) return error;
  return new Problem(503, 'service-unavailable', UNAVAILABLE_DETAIL, {}, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
}

/** Answers a request that fails during a database outage with 503 and Retry-After, never 500. */
@Injectable()
export class OutageInterceptor implements NestInterceptor {
  constructor(private readonly failures: TransientFailures) {}

  intercept(_: unknown, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => from(asUnavailable(this.failures, error)).pipe(mergeMap((answer) => throwError(() => answer)))),
    );
  }
}
