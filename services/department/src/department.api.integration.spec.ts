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

  it('documents the desk: notes, cannot-fix, evidence, If-Match and 412, the ETag, the list’s filters and the case view', () => {
    const { paths, components } = context().document;
    const actions = ['acknowledge', 'resolve', 'return', 'assistant-report', 'notes', 'cannot-fix'];
    for (const action of actions) {
      const operation = paths[`/v1/cases/{id}/${action}`].post;
      expect(operation.parameters.find((p: { name: string; in: string }) => p.in === 'header' && p.name === 'If-Match')).toBeDefined();
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404', '409', '412', '500']));
      expect(operation.responses['200'].headers.ETag).toBeDefined();
    }
    expect(paths['/v1/cases/{id}'].get.responses['200'].headers.ETag).toBeDefined();
    expect(paths['/v1/cases'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['status', 'category', 'role', 'updatedSince', 'after', 'limit']));
    expect(Object.keys(components.schemas.ResolveCaseDto.properties)).toContain('evidence');
    expect(Object.keys(components.schemas.CannotFixDto.properties)).toEqual(['reason']);
    expect(Object.keys(components.schemas.CaseNoteDto.properties)).toEqual(['note']);
    expect(Object.keys(components.schemas.CaseViewDto.properties)).toEqual(expect.arrayContaining(['timeline', 'rating', 'gradedAt', 'outcome', 'evidence', 'version']));
    expect(Object.keys(components.schemas.CasePageDto.properties)).toEqual(['cases', 'next', 'resumeAfter']);
  });

  it('documents the deadlines: the filters of the list, the extension, pause, resume and first contact', () => {
    const { paths } = context().document;
    expect(paths['/v1/cases'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['overdue', 'dueBefore']));
    for (const action of ['extension', 'pause', 'resume', 'first-contact']) expect(Object.keys(paths[`/v1/cases/{id}/${action}`])).toContain('post');
    expect(Object.keys(paths['/v1/cases/{id}/deadlines'])).toContain('get');
  });
});
