import 'reflect-metadata';
import { loadEnv, startService } from '@gridwhistle/platform';
import { AppModule } from './app.module';
import { DEPARTMENT_API } from './department.api';
import { DepartmentEnv } from './department.env';

const env = loadEnv(DepartmentEnv, process.env);
startService('department', AppModule.register(env), env, DEPARTMENT_API).catch((error) => {
  console.error(error);
  process.exit(1);
});
