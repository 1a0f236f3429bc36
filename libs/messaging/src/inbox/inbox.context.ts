import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';

/**
 * What a message handler gets beside its events: the transaction in which they were recorded
 * in the inbox. Everything the handler changes must go through this manager, so that the
 * effect and the "handled" mark commit together.
 */
export class InboxContext extends BaseRpcContext<[EntityManager]> {
  get manager(): EntityManager {
    return this.args[0];
  }
}
