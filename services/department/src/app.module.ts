import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeyGuard, CallerDirectory, apiKeyAuth, coreModules } from '@gridwhistle/platform';
import { DepartmentEnv } from './department.env';
import { departmentDatabase } from './database/department.database';
import { DepartmentCasesModule } from './cases/department-cases.module';

@Module({})
export class AppModule {
  static register(env: DepartmentEnv): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ...coreModules('department', env, departmentDatabase(env)),
        DepartmentCasesModule,
      ],
      providers: apiKeyAuth('department.departments'),
      exports: [CallerDirectory, ApiKeyGuard],
    };
  }
}
