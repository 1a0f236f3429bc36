import 'reflect-metadata';
import { loadEnv, startService } from '@gridwhistle/platform';
import { AppModule } from './app.module';
import { FEEDBACK_API } from './feedback.api';
import { FeedbackEnv } from './feedback.env';

const env = loadEnv(FeedbackEnv, process.env);
startService('feedback', AppModule.register(env), env, FEEDBACK_API).catch((error) => {
  console.error(error);
  process.exit(1);
});
