import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';

export interface DeliveredMessage {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * What a message handler gets beside the event: the transaction in which the event was
 * recorded in the inbox. Everything the handler changes must go through this manager, so
 * that the effect and the "handled" mark commit together.
 */
export class InboxContext extends BaseRpcContext<[EntityManager, DeliveredMessage]> {
  get manager(): EntityManager {
    return this.args[0];
  }

  get message(): DeliveredMessage {
    return this.args[1];
  }
}
