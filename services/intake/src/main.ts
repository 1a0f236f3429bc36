import 'reflect-metadata';
import { runService } from '@gridwhistle/platform';
import { AppModule } from './app.module';
import { INTAKE_API } from './intake.api';
import { IntakeEnv } from './intake.env';

runService('intake', IntakeEnv, (env) => AppModule.register(env), INTAKE_API);
