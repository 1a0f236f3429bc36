import { DeadLetterEntry, DeadLetters, Selection } from '@gridwhistle/messaging';

export const USAGE = 'usage: npm run dead-letters -- list | replay (--id <id>… | --all) | discard (--id <id>… | --all)';

export type Command = { action: 'list' } | { action: 'replay' | 'discard'; selection: Selection };

/** Reads the command line; throws with the usage when it makes no sense. */
export function parseCommand(args: string[]): Command {
  const [action, ...rest] = args;
  if (action === 'list' && rest.length === 0) return { action };
  if (action !== 'replay' && action !== 'discard') throw new Error(USAGE);
  if (rest.length === 1 && rest[0] === '--all') return { action, selection: 'all' };
  const ids: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] !== '--id' || !rest[i + 1]) throw new Error(USAGE);
    ids.push(rest[i + 1]);
  }
  if (ids.length === 0) throw new Error(USAGE);
  return { action, selection: { ids } };
}

/** One line a letter: where it sits, when, from which topic and group, its fate and its reason (never its content). */
export function describeLetter(letter: DeadLetterEntry): string {
  const fate = letter.decision ? `${letter.decision.action} ${letter.decision.at}` : 'waiting';
  return [letter.id, letter.deadLetteredAt, letter.sourceTopic, letter.consumerGroup, fate, letter.reason].join('\t');
}

/** Runs one command; answers the lines to print. */
export async function runCommand(letters: DeadLetters, command: Command): Promise<string[]> {
  if (command.action === 'list') return (await letters.list()).map(describeLetter);
  const { done, alreadyDecided, unknown } = await letters[command.action](command.selection);
  return [
    `${command.action}: ${done.join(' ') || 'none'}`,
    ...(alreadyDecided.length ? [`already decided, left alone: ${alreadyDecided.join(' ')}`] : []),
    ...(unknown.length ? [`no such dead letter: ${unknown.join(' ')}`] : []),
  ];
}
