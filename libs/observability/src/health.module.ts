import { Controller, Get, HttpStatus, Module, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { KafkaHealth } from '@gridwhistle/messaging';

type Check = 'up' | 'down';

@Controller()
class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaHealth,
  ) {}

  /** 200 only when both Postgres and Kafka answer; 503 with what is down otherwise. */
  @Get('health')
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const [postgres, kafka] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.kafka.check()),
    ]);
    const up = postgres === 'up' && kafka === 'up';
    reply.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: up ? 'ok' : 'unavailable', checks: { postgres, kafka } };
  }
}

async function probe(check: () => Promise<unknown>): Promise<Check> {
  try {
    await check();
    return 'up';
  } catch {
    return 'down';
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
