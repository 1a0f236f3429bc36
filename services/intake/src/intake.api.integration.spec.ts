import { describeApiDocument } from '@gridwhistle/testing';
import { AppModule } from './app.module';
import { intakeDatabase } from './database';
import { INTAKE_API } from './intake.api';
import { IntakeEnv } from './intake.env';

describeApiDocument({ service: 'intake', envClass: IntakeEnv, database: intakeDatabase, module: AppModule.register, api: INTAKE_API }, (context) => {
  it('documents a report: its body, its headers, and the answers to a retry', () => {
    const report = context().document.paths['/v1/cases'].post;
    expect(report.requestBody).toMatchObject({ required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ReportCaseDto' } } } });
    expect(report.parameters.map((p: { in: string; name: string }) => `${p.in} ${p.name}`).sort()).toEqual(['header Idempotency-Key', 'header traceparent']);
    expect(Object.keys(report.responses['201'].headers)).toEqual(['Location', 'Idempotent-Replayed']);
    expect(report.responses['422'].content['application/problem+json'].example.type).toBe('https://gridwhistle.dev/problems/idempotency-key-reused');
    expect(Object.keys(report.responses).sort()).toEqual(['201', '400', '401', '413', '415', '422', '500']);
  });
});
