import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A program some tests need, and the Debian package that brings it. */
export interface DebianTool {
  command: string;
  package: string;
}

/** What the test suite needs from Debian beside Node, Postgres and Kafka. */
export const TEST_TOOLS: DebianTool[] = [
  { command: '/usr/bin/chromium', package: 'chromium' },
  { command: '/usr/bin/kubectl', package: 'kubectl' },
  // Debian's prometheus package ships promtool beside the server.
  { command: '/usr/bin/prometheus', package: 'prometheus' },
  { command: '/usr/bin/promtool', package: 'prometheus' },
];

/**
 * Installs with apt-get the tools that are missing (as root, or through `sudo -n`), so a clean
 * machine runs every test; nothing is downloaded from anywhere but the Debian archive.
 */
export function ensureDebianTools(tools: DebianTool[], log: (line: string) => void): void {
  const missing = tools.filter((tool) => !existsSync(tool.command));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((tool) => tool.package))];
  log(`installing ${packages.join(', ')} from Debian (apt-get)`);
  const asRoot = process.getuid?.() === 0;
  const run = (args: string[]) =>
    execFileSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['-n', 'apt-get', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    run(['update', '-qq']);
    run(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`could not install ${packages.join(', ')} with apt-get${asRoot ? '' : ' (sudo -n)'}: ${stderr || (error as Error).message}`);
  }
  const stillMissing = missing.filter((tool) => !existsSync(tool.command));
  if (stillMissing.length > 0) throw new Error(`apt-get installed ${packages.join(', ')} but ${stillMissing.map((t) => t.command).join(', ')} is missing`);
}
