import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, Problem, slugOf } from './problem';

/** What the client reads for errors whose own message speaks of the framework, not of the API. */
const DETAILS: Record<number, (bodyLimit: number) => string> = {
  413: (bodyLimit) => `the body must not be larger than ${bodyLimit / 1024} KiB`,
  415: () => 'send the body as JSON, with content-type: application/json',
};

/**
 * Answers every HTTP error as application/problem+json: problems as thrown, Nest's and
 * Fastify's own errors by their status (a 503 during an outage as `service-unavailable`),
 * anything else as a 500 that says nothing internal and
 * is logged (with its stack, never with the request's body).
 *
 * A controller whose clients expect another format (Open311) opts out with its own
 * `@UseFilters(...)`: Nest tries a controller's filters before the global ones.
 */
@Catch()
export class ProblemsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly bodyLimit: number) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const problem = this.toProblem(exception, http.getRequest<FastifyRequest>());
    sendProblem(http.getResponse<FastifyReply>(), problem);
  }

  private toProblem(exception: unknown, request: FastifyRequest): Problem {
    if (exception instanceof Problem) return exception;
    // Our own HttpExceptions say what the client may know (a 503 during an outage among them).
    if (exception instanceof HttpException && exception.getStatus() !== 500) {
      const status = exception.getStatus();
      return new Problem(status, slugOf(status), DETAILS[status]?.(this.bodyLimit) ?? messageOf(exception));
    }
    const path = request.url.split('?')[0];
    this.logger.error(`${request.method} ${path} failed: ${exception instanceof Error ? exception.stack : String(exception)}`);
    return new Problem(500, 'internal-error', 'the error was logged; try again later or tell the operators');
  }
}

export function sendProblem(reply: FastifyReply, problem: Problem): void {
  if (reply.sent) return;
  void reply.status(problem.details.status).headers(problem.headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem.details));
}

/** Nest's exceptions carry `{ message }` (a string, or a list from older pipes). */
function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
}
