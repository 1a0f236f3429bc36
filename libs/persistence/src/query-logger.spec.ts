import { redactParameters } from './query-logger';

describe('redactParameters', () => {
  it('removes every parameter value from a message, also inside arrays and objects', () => {
    const message = 'invalid input syntax for type uuid: "李女士 13812345678" near {"name":"李女士"} and 2024-01-02T03:04:05.000Z';
    const parameters = [[1, '李女士 13812345678'], { name: '李女士' }, new Date('2024-01-02T03:04:05Z')];
    expect(redactParameters(message, parameters)).toBe('invalid input syntax for type uuid: "<redacted>" near <redacted> and <redacted>');
  });

  it('leaves very short values and buffers alone, and a message without parameters as it is', () => {
    expect(redactParameters('bind message supplies 1 parameters', [1, 'ok', Buffer.from('secret')])).toBe('bind message supplies 1 parameters');
    expect(redactParameters('relation "x" does not exist', undefined)).toBe('relation "x" does not exist');
  });
});
