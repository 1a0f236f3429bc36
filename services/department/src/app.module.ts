import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeyAuthModule, coreModules } from '@gridwhistle/platform';
import { DepartmentEnv } from './department.env';
import { departmentDatabase } from './database/department.database';
import { DepartmentCasesModule } from './cases/department-cases.module';
import { UnitsModule } from './units/units.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static register(env: DepartmentEnv): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ...coreModules('department', env, departmentDatabase(env)),
        ApiKeyAuthModule.register('department.departments'),
        DepartmentCasesModule,
        UnitsModule,
        WebhooksModule.register(env),
      ],
    };
  }
}
