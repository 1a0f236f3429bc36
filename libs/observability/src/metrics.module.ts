import { Controller, DynamicModule, Get, Header, Module } from '@nestjs/common';
import { Registry, collectDefaultMetrics } from 'prom-client';

@Controller()
class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
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
