import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyError, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import { isUtf8 } from 'node:buffer';
import { TextSafetyPipe } from '../validation/text-safety.pipe';
import { validationPipe } from '../validation/validation.pipe';
import { Problem } from './problem';
import { ProblemsFilter, sendProblem } from './problems.filter';

/** The largest request body any service takes. */
export const BODY_LIMIT = 64 * 1024;

/** Fastify for every service; errors it answers before Nest sees the request (a bad URL) are problems too. */
export function httpAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply, new Problem(400, 'bad-request', error.message)),
  });
}

/**
 * The edge every request passes: JSON bodies only, text Postgres and JSON can hold, input
 * validated into DTOs, and every error answered as application/problem+json.
 */
export function useHttpEdge(app: NestFastifyApplication): void {
  acceptJsonOnly(app);
  app.useGlobalFilters(new ProblemsFilter(BODY_LIMIT));
  app.useGlobalPipes(new TextSafetyPipe(), validationPipe());
}

/**
 * JSON is the only body the APIs read (anything else is 415). An empty body counts as none,
 * so that actions without one may be sent with content-type: application/json; an endpoint
 * that needs a body then says which fields are missing. Bytes that are not UTF-8 are refused
 * rather than replaced.
 */
function acceptJsonOnly(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'ignore');
  fastify.removeAllContentTypeParsers();
  // Through Nest, so that it does not add its own JSON and form parsers at init.
  app.useBodyParser<RawServerDefault>('application/json', {}, (request, body, done) => {
    if (body.length === 0) return done(null, undefined);
    if (!isUtf8(body)) return done(new Problem(400, 'malformed-json', 'the body is not valid UTF-8'), undefined);
    parseJson(request, body.toString('utf8'), (error, parsed) =>
      error ? done(new Problem(400, 'malformed-json', 'the body is not valid JSON'), undefined) : done(null, parsed),
    );
  });
}
