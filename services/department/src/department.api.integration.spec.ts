import { describeApiDocument } from '@gridwhistle/testing';
import { AppModule } from './app.module';
import { departmentDatabase } from './database';
import { DEPARTMENT_API } from './department.api';
import { DepartmentEnv } from './department.env';

describeApiDocument({ service: 'department', envClass: DepartmentEnv, database: departmentDatabase, module: AppModule.register, api: DEPARTMENT_API }, (context) => {
  it('documents the deadlines: the filters of the list, the extension, pause, resume and first contact', () => {
    const { paths } = context().document;
    expect(paths['/v1/cases'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['overdue', 'dueBefore']));
    for (const action of ['extension', 'pause', 'resume', 'first-contact']) expect(Object.keys(paths[`/v1/cases/{id}/${action}`])).toContain('post');
    expect(Object.keys(paths['/v1/cases/{id}/deadlines'])).toContain('get');
  });
});
