import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeyAuthModule, coreModules } from '@gridwhistle/platform';
import { DepartmentEnv } from './department.env';
import { departmentDatabase } from './database/department.database';
import { DepartmentCasesModule } from './cases/department-cases.module';
import { UnitsModule } from './units/units.module';
import { ReturnsModule } from './returns/returns.module';
import { CaseActionsModule } from './cases/case-actions.module';
import { NotesModule } from './notes/notes.module';
import { UnfixableModule } from './unfixable/unfixable.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static register(env: DepartmentEnv): DynamicModule {
    return {
      module: AppModule,
      global: true,
      providers: [{ provide: DepartmentEnv, useValue: env }],
      exports: [DepartmentEnv],
      imports: [
        ...coreModules('department', env, departmentDatabase(env)),
        ApiKeyAuthModule.register('department.departments'),
        DepartmentCasesModule,
        UnitsModule,
        ReturnsModule,
        CaseActionsModule,
        NotesModule,
        UnfixableModule,
        DeadlinesModule,
        WebhooksModule.register(env),
      ],
    };
  }
}
