import { OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';

/** Tells /health whether the broker answers. */
export class KafkaHealth implements OnApplicationShutdown {
  private admin?: Admin;

  constructor(private readonly kafka: Kafka) {}

  async check(timeoutMs = 2000): Promise<void> {
    this.admin ??= this.kafka.admin();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('kafka did not answer in time')), timeoutMs);
    });
    try {
      await Promise.race([this.admin.connect().then(() => this.admin!.describeCluster()), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }
}
