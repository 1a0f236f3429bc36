import { describeApiDocument } from '@gridwhistle/testing';
import { AppModule } from './app.module';
import { feedbackDatabase } from './database';
import { FEEDBACK_API } from './feedback.api';
import { FeedbackEnv } from './feedback.env';

describeApiDocument({ service: 'feedback', envClass: FeedbackEnv, database: feedbackDatabase, module: AppModule.register, api: FEEDBACK_API });
