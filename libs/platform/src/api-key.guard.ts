import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { TransientFailures } from '@gridwhistle/messaging';
import { hashApiKey } from './api-key';
import { asUnavailable } from './outage.interceptor';

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

  constructor(
    @Inject(CallerDirectory) private readonly directory: CallerDirectory,
    private readonly failures: TransientFailures,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; caller?: Caller }>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('send your API key as "Authorization: Bearer <api key>"');
    const caller = await this.lookup(hashApiKey(match[1]));
    if (!caller) throw new UnauthorizedException('unknown API key');
    request.caller = caller;
    return true;
  }

  private async lookup(keyHash: string): Promise<Caller | null> {
    const hit = this.cache.get(keyHash);
    if (hit && hit.expires > Date.now()) return hit.caller;
    // Guards run before interceptors: an outage is answered 503 here already.
    const caller = await this.directory.findByKeyHash(keyHash).catch(async (error) => {
      throw await asUnavailable(this.failures, error);
    });
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(keyHash, { caller, expires: Date.now() + CACHE_TTL_MS });
    return caller;
  }
}

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
