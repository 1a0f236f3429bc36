import { USAGE, parseCommand } from './dead-letters.cli';

describe('npm run dead-letters: the command line', () => {
  it.each([
    [['list'], { action: 'list' }],
    [['replay', '--all'], { action: 'replay', selection: 'all' }],
    [['discard', '--id', '0-4', '--id', '2-9'], { action: 'discard', selection: { ids: ['0-4', '2-9'] } }],
  ])('reads %j', (args, command) => expect(parseCommand(args)).toEqual(command));

  it.each([[[]], [['list', '--all']], [['replay']], [['replay', '--id']], [['discard', '--all', '--id', '1-1']], [['purge', '--all']]])('refuses %j with the usage', (args) => {
    expect(() => parseCommand(args)).toThrow(USAGE);
  });
});
