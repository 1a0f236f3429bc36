import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  createParamDecorator,
} from '@nestjs/common';
import { hashApiKey } from './api-key';
import { Problem } from './problems/problem';

/** Who is calling: a department or an integration, by its code. */
export interface Caller {
  code: string;
}

/** Each service tells the guard how to find the caller owning a key hash. */
export abstract class CallerDirectory {
  abstract findByKeyHash(keyHash: string): Promise<Caller | null>;
}

const CACHE_TTL_MS = 30_000;

/** Authenticates `Authorization: Bearer <api key>` and puts the caller on the request. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly cache = new Map<string, { caller: Caller | null; expires: number }>();

  constructor(@Inject(CallerDirectory) private readonly directory: CallerDirectory) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; caller?: Caller }>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw unauthorized('send your API key as "Authorization: Bearer <api key>"', 'Bearer');
    const caller = await this.lookup(hashApiKey(match[1]));
    if (!caller) throw unauthorized('unknown API key', 'Bearer error="invalid_token"');
    request.caller = caller;
    return true;
  }

  private async lookup(keyHash: string): Promise<Caller | null> {
    const hit = this.cache.get(keyHash);
    if (hit && hit.expires > Date.now()) return hit.caller;
    const caller = await this.directory.findByKeyHash(keyHash);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(keyHash, { caller, expires: Date.now() + CACHE_TTL_MS });
    return caller;
  }
}

/** RFC 6750 §3: a 401 says how to authenticate, and why a key was refused. */
function unauthorized(detail: string, challenge: string): Problem {
  return new Problem(401, 'unauthorized', detail, {}, { 'WWW-Authenticate': challenge });
}

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
