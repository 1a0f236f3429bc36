import { DynamicModule, Module } from '@nestjs/common';
import { IntakeEnv } from '../intake.env';
import { FeedbackRequestHandler } from './feedback-request.handler';
import { FeedbackLinkSettings, ResidentMessagesSender } from './resident-messages.sender';
import { FileNotifier, ResidentNotifier, WebhookNotifier } from './resident-notifier';

/** Residents' feedback links: kept from case.feedback_requested, signed and sent by the configured notifier. */
@Module({})
export class NotificationsModule {
  static register(env: IntakeEnv): DynamicModule {
    const notifier =
      env.RESIDENT_NOTIFIER === 'webhook' ? new WebhookNotifier(env.SMS_WEBHOOK_URL!, env.SMS_WEBHOOK_TOKEN) : new FileNotifier(env.RESIDENT_NOTIFIER_FILE);
    return {
      module: NotificationsModule,
      controllers: [FeedbackRequestHandler],
      providers: [
        { provide: ResidentNotifier, useValue: notifier },
        { provide: FeedbackLinkSettings, useValue: new FeedbackLinkSettings(Buffer.from(env.FEEDBACK_LINK_KEY, 'base64'), env.FEEDBACK_PAGE_URL) },
        ResidentMessagesSender,
      ],
    };
  }
}
