import { describeApiDocument } from '@gridwhistle/testing';
import { AppModule } from './app.module';
import { departmentDatabase } from './database';
import { DEPARTMENT_API } from './department.api';
import { DepartmentEnv } from './department.env';

describeApiDocument({ service: 'department', envClass: DepartmentEnv, database: departmentDatabase, module: AppModule.register, api: DEPARTMENT_API });
