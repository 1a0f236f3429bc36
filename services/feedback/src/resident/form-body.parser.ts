import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';
import { Problem } from '@gridwhistle/platform';
import { RESIDENT_PAGE_PATH } from './resident-page.controller';

/**
 * Reads form posts for the resident's page only: the JSON API keeps answering anything but
 * JSON with 415, as every service does.
 */
@Injectable()
export class FormBodyParser implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    // Nest registers its own form parser for every route at init; this one replaces it.
    if (fastify.hasContentTypeParser('application/x-www-form-urlencoded')) fastify.removeContentTypeParser('application/x-www-form-urlencoded');
    fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (request, body, done) => {
      if (!request.url.startsWith(`/${RESIDENT_PAGE_PATH}/`)) {
        return done(new Problem(415, 'unsupported-media-type', 'send the body as JSON, with content-type: application/json'), undefined);
      }
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
  }
}
