import 'reflect-metadata';
import { loadEnv, startService } from '@gridwhistle/platform';
import { AppModule } from './app.module';
import { FeedbackEnv } from './feedback.env';

const env = loadEnv(FeedbackEnv, process.env);
startService('feedback', AppModule.register(env), env).catch((error) => {
  console.error(error);
  process.exit(1);
});
