import { ApiProperty } from '@nestjs/swagger';

export const CHECKS = ['up', 'down'] as const;
export type Check = (typeof CHECKS)[number];

export class HealthChecksDto {
  @ApiProperty({ description: 'Whether the service\u2019s Postgres answers.', enum: CHECKS, example: 'up' })
  postgres: Check;

  @ApiProperty({ description: 'Whether a Kafka broker answers.', enum: CHECKS, example: 'up' })
  kafka: Check;
}

export class HealthDto {
  @ApiProperty({ description: '`ok` when every check is up, `unavailable` otherwise.', enum: ['ok', 'unavailable'], example: 'ok' })
  status: 'ok' | 'unavailable';

  @ApiProperty({ description: 'Each dependency and whether it answers.', type: () => HealthChecksDto })
  checks: HealthChecksDto;
}
