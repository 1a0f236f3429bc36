import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { TransientFailures } from '@gridwhistle/messaging';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { asUnavailable } from './outage.interceptor';

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
    if (!match) throw new UnauthorizedException('send your API key as "Authorization: Bearer <api key>"');
    // Guards run before interceptors: an outage is answered 503 here already.
    const caller = await this.authenticator.authenticate(match[1]).catch(async (error) => {
      throw await asUnavailable(this.failures, error);
    });
    if (!caller) throw new UnauthorizedException('unknown API key');
    request.caller = caller;
    return true;
  }
}

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
