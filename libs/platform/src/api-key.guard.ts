import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  createParamDecorator,
} from '@nestjs/common';
import { TransientFailures } from '@gridwhistle/messaging';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { asUnavailable } from './outage.interceptor';
import { Problem } from './problems/problem';

/** Who is calling: a department or an integration, by its code. */
export interface Caller {
  code: string;
}

/** Each service tells the guard how to find the callers owning key hashes. */
export abstract class CallerDirectory {
  abstract findByKeyHashes(keyHashes: string[]): Promise<Map<string, Caller>>;
}

/** Authenticates `Authorization: Bearer <api key>` and puts the caller on the request. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(ApiKeyAuthenticator) private readonly authenticator: ApiKeyAuthenticator,
    private readonly failures: TransientFailures,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; caller?: Caller }>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw unauthorized('send your API key as "Authorization: Bearer <api key>"', 'Bearer');
    // Guards run before interceptors: an outage is answered 503 here already.
    const caller = await this.authenticator.authenticate(match[1]).catch(async (error) => {
      throw await asUnavailable(this.failures, error);
    });
    if (!caller) throw unauthorized('unknown API key', 'Bearer error="invalid_token"');
    request.caller = caller;
    return true;
  }
}

/** RFC 6750 §3: a 401 says how to authenticate, and why a key was refused. */
function unauthorized(detail: string, challenge: string): Problem {
  return new Problem(401, 'unauthorized', detail, {}, { 'WWW-Authenticate': challenge });
}

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
