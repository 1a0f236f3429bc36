import { describeApiDocument } from '@gridwhistle/testing';
import { AppModule } from './app.module';
import { routingDatabase } from './database';
import { ROUTING_API } from './routing.api';
import { RoutingEnv } from './routing.env';

describeApiDocument({ service: 'routing', envClass: RoutingEnv, database: routingDatabase, module: AppModule.register, api: ROUTING_API }, (context) => {
  it('documents the command centre’s extension decisions (延期审批)', () => {
    const { paths } = context().document;
    expect(Object.keys(paths['/v1/command-centre/extensions'])).toContain('get');
    expect(Object.keys(paths['/v1/command-centre/cases/{id}/extension/grant'])).toContain('post');
    expect(Object.keys(paths['/v1/command-centre/cases/{id}/extension/refuse'])).toContain('post');
  });
});
