import { DynamicModule, Module } from '@nestjs/common';
import { DepartmentEnv } from '../department.env';
import { ChangeFeedModule } from '../change-feed/change-feed.module';
import { WebhooksController } from './webhooks.controller';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDispatcher } from './webhook.dispatcher';
import { WebhookFanOut } from './webhook.fan-out';
import { WebhookOutcomes } from './webhook.outcomes';
import { WebhookSender } from './webhook.sender';
import { WebhookMetrics } from './webhook.metrics';
import { WebhookSecretBox } from './webhook-secret.box';
import { WebhookClock, WebhookSettings } from './webhook.settings';

@Module({})
export class WebhooksModule {
  static register(env: DepartmentEnv): DynamicModule {
    const settings = WebhookSettings.of(env);
    return {
      module: WebhooksModule,
      imports: [ChangeFeedModule],
      controllers: [WebhooksController],
      providers: [
        { provide: WebhookSettings, useValue: settings },
        { provide: WebhookSecretBox, useValue: new WebhookSecretBox(settings.secretsKey) },
        WebhookClock,
        WebhookEndpointsService,
        WebhookDeliveriesService,
        WebhookFanOut,
        WebhookSender,
        WebhookOutcomes,
        WebhookMetrics,
        WebhookDispatcher,
      ],
    };
  }
}
