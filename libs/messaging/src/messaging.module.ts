import { DynamicModule, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClientKafka } from '@nestjs/microservices';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Registry } from 'prom-client';
import { Producer as ProducerName } from '@gridwhistle/contracts';
import { KafkaSettings, PRODUCER_CONFIG, inboxRetentionHours, kafkaConfig } from './kafka.settings';
import { OutboxWriter } from './outbox/outbox.writer';
import { OutboxRelay, OutboxRelayOptions } from './outbox/outbox.relay';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { InboxServer, InboxServerOptions } from './inbox/inbox.server';
import { KafkaHealth } from './kafka.health';
import { TransientFailures } from './inbox/failure';

export interface MessagingOptions {
  service: ProducerName;
  schema: string;
  kafka: KafkaSettings;
  relay?: Partial<Omit<OutboxRelayOptions, 'schema'>>;
  inbox?: Partial<Omit<InboxServerOptions, 'schema' | 'groupId'>>;
}


@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly client: ClientKafka,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.client.close();
  }
}

/**
 * Kafka for one service: the outbox writer and relay on the producing side, the inbox
 * transport (register it with `app.connectMicroservice({ strategy })`) and dead-letter
 * publisher on the consuming side, and a broker health check.
 */
@Module({})
export class MessagingModule {
  static register(options: MessagingOptions): DynamicModule {
    const { schema, kafka, service } = options;
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: ClientKafka,
          useFactory: async () => {
            const client = new ClientKafka({
              client: kafkaConfig({ ...kafka, clientId: `${kafka.clientId}-producer` }),
              producerOnlyMode: true,
              producer: PRODUCER_CONFIG,
            });
            await client.connect();
            return client;
          },
        },
        { provide: OutboxWriter, useValue: new OutboxWriter(schema) },
        {
          provide: OutboxRelay,
          inject: [DataSource, ClientKafka, Registry],
          useFactory: (dataSource: DataSource, client: ClientKafka, registry: Registry) =>
            new OutboxRelay(
              dataSource,
              client.producer,
              kafka,
              { schema, batchSize: 500, pollIntervalMs: 1000, retentionHours: 24, ...options.relay },
              registry,
            ),
        },
        {
          provide: DeadLetterPublisher,
          inject: [ClientKafka, Registry],
          useFactory: (client: ClientKafka, registry: Registry) =>
            new DeadLetterPublisher(client.producer, kafka, groupId(kafka, service), registry),
        },
        { provide: TransientFailures, inject: [DataSource], useFactory: (dataSource: DataSource) => new TransientFailures(dataSource) },
        {
          provide: InboxServer,
          inject: [DataSource, DeadLetterPublisher, TransientFailures, Registry],
          useFactory: (dataSource: DataSource, deadLetters: DeadLetterPublisher, failures: TransientFailures, registry: Registry) =>
            new InboxServer(
              dataSource,
              { ...kafka, clientId: `${kafka.clientId}-consumer` },
              deadLetters,
              failures,
              {
                schema,
                groupId: groupId(kafka, service),
                partitionsConsumedConcurrently: 12,
                maxAttempts: 3,
                retryBackoffMs: 100,
                commitIntervalMs: 1000,
                retentionHours: inboxRetentionHours(kafka),
                pruneIntervalMs: 600_000,
                lagIntervalMs: 10_000,
                ...options.inbox,
              },
              registry,
            ),
        },
        { provide: KafkaHealth, inject: [ClientKafka], useFactory: (client: ClientKafka) => new KafkaHealth(client.unwrap<Kafka>()) },
        MessagingLifecycle,
      ],
      exports: [OutboxWriter, OutboxRelay, InboxServer, KafkaHealth, TransientFailures],
    };
  }
}

function groupId(kafka: KafkaSettings, service: ProducerName): string {
  return `${kafka.namespace}.${service}`;
}
