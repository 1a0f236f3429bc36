import { ArgumentsHost, Catch, INestApplication, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { InboxServer } from './inbox.server';

/**
 * Nest turns a handler's error into a generic "Internal server error" object; the inbox needs
 * the error itself to tell a transient failure from a poison message, and to say why.
 */
@Catch()
class PassErrorsToInbox implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** Attaches the Kafka inbox transport to an app; `@EventPattern(type)` handlers receive events. */
export function connectInbox(app: INestApplication): void {
  // Deferred, so that the filter is in place before Nest wires the handlers.
  app
    .connectMicroservice({ strategy: app.get(InboxServer) }, { deferInitialization: true })
    .useGlobalFilters(new PassErrorsToInbox());
}
