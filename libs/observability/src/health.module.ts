import { Controller, Get, HttpStatus, Module, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { KafkaHealth } from '@gridwhistle/messaging';
import { Check, HealthDto } from './health.dto';

@ApiTags('operations')
@Controller()
class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaHealth,
  ) {}

  /** 200 only when both Postgres and Kafka answer; 503 with what is down otherwise. */
  @Get('health')
  @ApiOperation({
    summary: 'Whether the service can work',
    description: 'For load balancers and orchestrators: 200 only when both the service\u2019s Postgres and Kafka answer.',
  })
  @ApiOkResponse({ description: 'Postgres and Kafka both answer.', type: HealthDto })
  @ApiServiceUnavailableResponse({
    description: 'Postgres or Kafka does not answer; `checks` says which.',
    type: HealthDto,
    example: { status: 'unavailable', checks: { postgres: 'up', kafka: 'down' } },
  })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
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
