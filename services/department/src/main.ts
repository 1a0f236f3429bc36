import 'reflect-metadata';
import { loadEnv, startService } from '@gridwhistle/platform';
import { AppModule } from './app.module';
import { DepartmentEnv } from './department.env';

const env = loadEnv(DepartmentEnv, process.env);
startService('department', AppModule.register(env), env).catch((error) => {
  console.error(error);
  process.exit(1);
});
