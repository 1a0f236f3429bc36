import { describeApiDocument } from '@gridwhistle/testing';
import { AppModule } from './app.module';
import { routingDatabase } from './database';
import { ROUTING_API } from './routing.api';
import { RoutingEnv } from './routing.env';

describeApiDocument({ service: 'routing', envClass: RoutingEnv, database: routingDatabase, module: AppModule.register, api: ROUTING_API }, (context) => {
  it('documents the directory versions for operators, a refused document as its own problem type', () => {
    const { paths } = context().document;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/v1/directory/versions', '/v1/directory/versions/{version}', '/v1/directory/versions/{version}/diff']),
    );
    const publish = paths['/v1/directory/versions'].post;
    expect(Object.keys(publish.responses)).toEqual(expect.arrayContaining(['200', '201', '401', '409', '422']));
    expect(publish.responses['422'].content['application/problem+json'].example.type).toBe('https://gridwhistle.dev/problems/invalid-directory');
  });

  it('documents the command centre’s extension decisions (延期审批)', () => {
    const { paths } = context().document;
    expect(Object.keys(paths['/v1/command-centre/extensions'])).toContain('get');
    expect(Object.keys(paths['/v1/command-centre/cases/{id}/extension/grant'])).toContain('post');
    expect(Object.keys(paths['/v1/command-centre/cases/{id}/extension/refuse'])).toContain('post');
  });
});
