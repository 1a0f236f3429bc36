import { createHash, timingSafeEqual } from 'node:crypto';
import { Server, createServer } from 'node:http';
import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Registry } from 'prom-client';

/** How /metrics is reached: it shows per-department volumes, so production protects it. */
export interface MetricsAccess {
  /** Serve /metrics on this port of `host` only, and not on the API port. */
  port?: number;
  host?: string;
  /** Ask for `Authorization: Bearer <token>`. */
  token?: string;
}

export const METRICS_ACCESS = Symbol('MetricsAccess');

/** Whether an Authorization header carries `token`, in time that does not depend on where they differ. */
export function bearerTokenMatches(authorization: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** METRICS_TOKEN on the API port's /metrics. */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  constructor(@Inject(METRICS_ACCESS) private readonly access: MetricsAccess) {}

  canActivate(context: ExecutionContext): boolean {
    const { token } = this.access;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    if (token !== undefined && !bearerTokenMatches(request.headers.authorization, token)) {
      throw new UnauthorizedException('send the metrics token as "Authorization: Bearer <token>"');
    }
    return true;
  }
}

/** /metrics alone on METRICS_PORT, apart from the API; METRICS_TOKEN is asked for here too when set. */
export class MetricsServer {
  private server?: Server;

  constructor(
    private readonly registry: Registry,
    private readonly access: MetricsAccess & { port: number },
  ) {}

  /** Idempotent: a hybrid Nest app runs bootstrap hooks for the HTTP app and the microservice. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((request, response) => {
      const problem = (status: number, title: string, detail: string, headers: Record<string, string> = {}) => {
        const slug = title.toLowerCase().replace(/ /g, '-');
        response.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
        response.end(JSON.stringify({ type: `https://gridwhistle.dev/problems/${slug}`, title, status, detail }));
      };
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        return problem(404, 'Not Found', 'this port serves GET /metrics only');
      }
      if (this.access.token !== undefined && !bearerTokenMatches(request.headers.authorization, this.access.token)) {
        return problem(401, 'Unauthorized', 'send the metrics token as "Authorization: Bearer <token>"', { 'www-authenticate': 'Bearer' });
      }
      this.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        () => problem(500, 'Internal Server Error', 'collecting the metrics failed'),
      );
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.access.port, this.access.host, resolve);
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server?.listening) await new Promise((resolve) => server.close(resolve));
  }
}
