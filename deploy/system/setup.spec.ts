import { rolePasswords } from './setup';

describe('the passwords setup creates missing service roles with', () => {
  it('are DB_PASSWORD_<SERVICE>, else the development default in the local profile only', () => {
    const env = { DB_PASSWORD_INTAKE: 'intake-secret', DB_PASSWORD_ROUTING: '' };
    expect(rolePasswords(env, 'local')).toEqual({
      intake: 'intake-secret',
      routing: 'gw_routing_local',
      department: 'gw_department_local',
      feedback: 'gw_feedback_local',
    });
    expect(rolePasswords(env, 'production')).toEqual({ intake: 'intake-secret', routing: undefined, department: undefined, feedback: undefined });
  });
});
