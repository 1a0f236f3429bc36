import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyInstance } from 'fastify';
import { BODY_LIMIT, Problem } from '@gridwhistle/platform';
import { CasesModule } from '../cases/cases.module';
import { ReferenceModule } from '../reference/reference.module';
import { LocationsModule } from '../locations/locations.module';
import { Open311Controller } from './open311.controller';
import { Open311Service } from './open311.service';
import { Open311ReportsService } from './open311-reports.service';

export const OPEN311_PREFIX = '/open311/';
const FORM = 'application/x-www-form-urlencoded';

@Module({
  imports: [CasesModule, ReferenceModule, LocationsModule],
  controllers: [Open311Controller],
  providers: [Open311Service, Open311ReportsService],
})
export class Open311Module implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  /** Open311 clients post forms; every other endpoint still takes JSON only (415). */
  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    // Nest registers its own form parser at init; this one replaces it.
    if (fastify.hasContentTypeParser(FORM)) fastify.removeContentTypeParser(FORM);
    fastify.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: BODY_LIMIT }, (request, body, done) => {
      if (!request.url.startsWith(OPEN311_PREFIX)) return done(new Problem(415, 'unsupported-media-type', 'send the body as JSON, with content-type: application/json'), undefined);
      const params: Record<string, string | string[]> = {};
      for (const [name, value] of new URLSearchParams(body as string)) {
        const had = params[name];
        params[name] = had === undefined ? value : [had, value].flat();
      }
      done(null, params);
    });
  }
}
