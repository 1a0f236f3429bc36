import 'reflect-metadata';
import { loadEnv, startService } from '@gridwhistle/platform';
import { AppModule } from './app.module';
import { INTAKE_API } from './intake.api';
import { IntakeEnv } from './intake.env';

const env = loadEnv(IntakeEnv, process.env);
startService('intake', AppModule.register(env), env, INTAKE_API).catch((error) => {
  console.error(error);
  process.exit(1);
});
