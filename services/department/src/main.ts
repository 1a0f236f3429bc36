import 'reflect-metadata';
import { runService } from '@gridwhistle/platform';
import { AppModule } from './app.module';
import { DEPARTMENT_API } from './department.api';
import { DepartmentEnv } from './department.env';

runService('department', DepartmentEnv, (env) => AppModule.register(env), DEPARTMENT_API);
