import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor, ServiceUnavailableException } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Observable, catchError, from, mergeMap, throwError } from 'rxjs';
import { TransientFailures } from '@gridwhistle/messaging';

/** Seconds a caller is asked to wait before trying again while the database is away. */
const RETRY_AFTER_SECONDS = 5;

/**
 * What a request's failure means to its caller: a failure of the infrastructure (the database
 * away, see TransientFailures) becomes 503, to be retried; anything else stays as it is.
 */
export async function asUnavailable(failures: TransientFailures, error: unknown): Promise<unknown> {
  if (error instanceof HttpException || !(await failures.isTransient(error))) return error;
  return new ServiceUnavailableException('the service cannot reach its database just now; try again shortly');
}

/** Answers a request that fails during a database outage with 503 and Retry-After, never 500. */
@Injectable()
export class OutageInterceptor implements NestInterceptor {
  constructor(private readonly failures: TransientFailures) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) =>
        from(asUnavailable(this.failures, error)).pipe(
          mergeMap((answer) => {
            if (answer instanceof ServiceUnavailableException) {
              context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(RETRY_AFTER_SECONDS));
            }
            return throwError(() => answer);
          }),
        ),
      ),
    );
  }
}
