import { describeApiDocument } from '@gridwhistle/testing';
import { AppModule } from './app.module';
import { departmentDatabase } from './database';
import { DEPARTMENT_API } from './department.api';
import { DepartmentEnv } from './department.env';

describeApiDocument({ service: 'department', envClass: DepartmentEnv, database: departmentDatabase, module: AppModule.register, api: DEPARTMENT_API }, (context) => {
  it('documents joint handling: the role filter, the assistant\u2019s report and the lead\u2019s view of the parts', () => {
    const { paths, components } = context().document;
    expect(paths['/v1/cases'].get.parameters.find((p: { name: string }) => p.name === 'role').schema.enum).toEqual(['lead', 'assistant', 'copied']);
    expect(Object.keys(paths['/v1/cases/{id}/assistant-report'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404', '409', '500']));
    expect(Object.keys(components.schemas.ResolveCaseDto.properties)).toContain('withoutAssistantsReason');
    expect(Object.keys(components.schemas.JointCaseDto.properties)).toEqual(expect.arrayContaining(['role', 'assistants', 'withoutAssistantsReason']));
  });
});
