import { Controller, DynamicModule, Get, Header, Module } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry, collectDefaultMetrics } from 'prom-client';

@ApiTags('operations')
@Controller()
class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description: 'The service\u2019s metrics in the Prometheus text format, every series labelled with the service\u2019s name.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'The metrics, for Prometheus to scrape.',
    schema: { type: 'string' },
    example: '# TYPE gridwhistle_cases_reported_total counter\ngridwhistle_cases_reported_total{service="intake",channel="hotline",category="manhole_cover"} 42\n',
  })
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

/** One Prometheus registry per service, labelled with its name, served at GET /metrics. */
@Module({})
export class MetricsModule {
  static register(service: string): DynamicModule {
    const registry = new Registry();
    registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: registry });
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [{ provide: Registry, useValue: registry }],
      exports: [Registry],
    };
  }
}
