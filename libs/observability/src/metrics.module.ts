import {
  Controller,
  DynamicModule,
  Get,
  Header,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
  UseGuards,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { METRICS_ACCESS, MetricsAccess, MetricsServer, MetricsTokenGuard } from './metrics.access';

@ApiTags('operations')
@Controller()
@UseGuards(MetricsTokenGuard)
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

@Injectable()
class MetricsServerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Optional() @Inject(MetricsServer) private readonly server?: MetricsServer) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.server?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.stop();
  }
}

/**
 * One Prometheus registry per service, labelled with its name, served at GET /metrics: on the
 * API port, or with `access.port` on a port of its own; with `access.token`, to its holders only.
 */
@Module({})
export class MetricsModule {
  static register(service: string, access: MetricsAccess = {}): DynamicModule {
    const registry = new Registry();
    registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: registry });
    const { port } = access;
    return {
      module: MetricsModule,
      global: true,
      controllers: port === undefined ? [MetricsController] : [],
      providers: [
        { provide: Registry, useValue: registry },
        { provide: METRICS_ACCESS, useValue: access },
        ...(port === undefined ? [] : [{ provide: MetricsServer, useValue: new MetricsServer(registry, { ...access, port }) }]),
        MetricsTokenGuard,
        MetricsServerLifecycle,
      ],
      exports: [Registry],
    };
  }
}
