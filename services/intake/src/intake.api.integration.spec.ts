import { CHANNELS } from '@gridwhistle/contracts';
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
    expect(Object.keys(report.responses).sort()).toEqual(['200', '201', '400', '401', '413', '415', '422', '500', '503']);
  });

  it('GET /v1/channels lists the accepted channels, publicly, with their names in Chinese and English', async () => {
    const answer = await context().service.app.inject({ method: 'GET', url: '/v1/channels' });
    expect(answer.statusCode).toBe(200);
    const { channels } = answer.json() as { channels: { code: string; name: { zh: string; en: string } }[] };
    expect(channels.map((channel) => channel.code)).toEqual([...CHANNELS]);
    for (const { name } of channels) {
      expect(name.zh).toMatch(/\p{Script=Han}/u);
      expect(name.en).toMatch(/^[A-Za-z0-9][A-Za-z0-9 -]*$/);
    }
    expect(context().document.components.schemas.ChannelDto.properties.code.enum).toEqual([...CHANNELS]);
  });

  it('documents locating and tracking: GET /v1/locate with both kinds of whereabouts, GET /v1/track/{code}', () => {
    const { paths } = context().document;
    expect(paths['/v1/locate'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['address', 'lat', 'long', 'system']);
    expect(Object.keys(paths['/v1/locate'].get.responses).sort()).toEqual(['200', '400', '500', '503']);
    expect(Object.keys(paths['/v1/track/{code}'].get.responses).sort()).toEqual(['200', '404', '500', '503']);
    expect(context().document.components.schemas.CaseReceiptDto.required).toContain('trackingCode');
  });
});
