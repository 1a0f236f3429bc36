import { DeadLetters } from '@gridwhistle/messaging';
import { toolEnv } from '../setup';
import { parseCommand, runCommand } from './dead-letters.cli';

/** `npm run dead-letters -- list|replay|discard`, against the Kafka the environment names (as the services see it). */
async function main(): Promise<void> {
  const command = parseCommand(process.argv.slice(2));
  for (const line of await runCommand(new DeadLetters(toolEnv().kafka('dead-letters')), command)) console.log(line);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
