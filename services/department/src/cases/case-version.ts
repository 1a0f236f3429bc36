import { CallHandler, ExecutionContext, Injectable, NestInterceptor, createParamDecorator } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';

/** A case's entity tag: its row's version, which a trigger raises on every change. */
export const etagOf = (version: number): string => `"${version}"`;

/** Strong comparison, as RFC 9110 asks of If-Match: a weak tag never matches. */
export function matchesIfMatch(header: string, version: number): boolean {
  return header.split(',').some((tag) => tag.trim() === '*' || tag.trim() === etagOf(version));
}

/** The If-Match header, documented once by ApiIfMatch. */
export const IfMatch = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
  return Array.isArray(value) ? value.join(',') : value;
});

export const ApiIfMatch = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The case\u2019s `ETag` as you last read it: the action is taken only if nobody changed the case since (else 412). Without it the action is taken on the case as it is.',
    schema: { type: 'string', example: '"3"' },
  });

export const ETAG_HEADER = { ETag: { description: 'The case\u2019s version, to send back as `If-Match`.', schema: { type: 'string', example: '"3"' } } };

/** Answers every case with its ETag, taken from the `version` it carries. */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      tap((body: { version?: unknown } | undefined) => {
        if (typeof body?.version === 'number') reply.header('ETag', etagOf(body.version));
      }),
    );
  }
}
