import 'reflect-metadata';
import { runService } from '@gridwhistle/platform';
import { AppModule } from './app.module';
import { FEEDBACK_API } from './feedback.api';
import { FeedbackEnv } from './feedback.env';

runService('feedback', FeedbackEnv, (env) => AppModule.register(env), FEEDBACK_API);
