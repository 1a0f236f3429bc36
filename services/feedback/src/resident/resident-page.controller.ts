import { ArgumentsHost, applyDecorators, Body, Catch, Controller, ExceptionFilter, Get, HttpException, Logger, Param, Post, Res, UseFilters } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { RenderedPage, renderFailure, renderPage } from './resident-page.view';
import { ResidentPageService } from './resident-page.service';

export const RESIDENT_PAGE_PATH = 'feedback';

/** Keeps the link out of caches, Referer headers and frames; the page runs no script at all. */
const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

function send(reply: FastifyReply, page: RenderedPage): void {
  void reply.status(page.status).headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(page.html);
}

/** The resident sees a page, never a problem document nor a stack trace; the log never holds the link. */
@Catch()
class ResidentPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('ResidentPage');

  catch(exception: unknown, host: ArgumentsHost): void {
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    if (status >= 500) this.logger.error(`${host.switchToHttp().getRequest<FastifyRequest>().method} /${RESIDENT_PAGE_PATH}/… failed: ${exception instanceof Error ? exception.stack : String(exception)}`);
    send(host.switchToHttp().getResponse<FastifyReply>(), renderFailure(status === 503 ? 503 : status >= 500 ? 500 : status));
  }
}

const TOKEN_PARAM = { name: 'token', description: 'The signed, single-use token of the link the resident received.' };
const HTML = { 'text/html': { schema: { type: 'string' as const } } };

/** The pages every visit may end on besides its own. */
function RefusalPages(): MethodDecorator {
  return applyDecorators(
    ApiProduces('text/html'),
    ApiResponse({ status: 404, description: 'A forged or altered link: a page that says so.', content: HTML }),
    ApiResponse({ status: 410, description: 'An expired or used link, or a round already answered or closed: a page that says which.', content: HTML }),
    ApiResponse({ status: 500, description: 'The page failed: a page that asks to try later (the failure is logged without the link).', content: HTML }),
    ApiResponse({ status: 503, description: 'The database is out of reach: a page that asks to try later.', content: HTML }),
  );
}

@ApiTags('resident')
@Controller(RESIDENT_PAGE_PATH)
@UseFilters(ResidentPageFilter)
export class ResidentPageController {
  constructor(private readonly pages: ResidentPageService) {}

  @Get(':token')
  @ApiOperation({ summary: 'The resident\u2019s feedback page (HTML)', description: 'Shows the case\u2019s summary and timeline and the answer form. Server-rendered Chinese HTML, no JavaScript.' })
  @ApiParam(TOKEN_PARAM)
  @ApiResponse({ status: 200, description: 'The page with the form.', content: HTML })
  @RefusalPages()
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    send(reply, renderPage(await this.pages.open(token), token));
  }

  @Post(':token')
  @ApiOperation({
    summary: 'The resident\u2019s answer (HTML form post)',
    description: 'Takes the form (solved, rating, comment) once: the token in the URL is the only credential and the CSRF token. Answers with a confirmation page.',
  })
  @ApiParam(TOKEN_PARAM)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiResponse({ status: 200, description: 'The confirmation page.', content: HTML })
  @ApiResponse({ status: 400, description: 'The form is incomplete: the page again, saying what is missing.', content: HTML })
  @RefusalPages()
  async answer(@Param('token') token: string, @Body() form: Record<string, unknown>, @Res() reply: FastifyReply): Promise<void> {
    send(reply, renderPage(await this.pages.submit(token, form), token));
  }
}
