import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

/**
 * CPU time and memory read from Linux's /proc, for the benchmark: CPU per case is steadier
 * than throughput on a noisy machine, and it shows which process spends it.
 */
export const cpuTimeAvailable = existsSync('/proc/stat');
const ticksPerSecond = cpuTimeAvailable ? Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) : 100;

/** Busy CPU time of the whole machine, all cores, in ms (user, nice, system, irq, softirq, steal). */
export function machineBusyMs(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / ticksPerSecond;
}

/** CPU time (user + system) one process has used so far, in ms. */
export function processCpuMs(pid: number): number {
  return readStat(pid)?.cpuMs ?? 0;
}

/** CPU time used so far by all running processes with this command name (java, postgres), in ms. */
export function commandCpuMs(command: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.command === command) total += stat.cpuMs;
  }
  return total;
}

/** Resident memory of one process now, in MB (VmRSS); NaN when it has exited. */
export function residentMb(pid: number): number {
  try {
    const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m)?.[1];
    return kb === undefined ? NaN : Number(kb) / 1024;
  } catch {
    return NaN;
  }
}

function readStat(pid: number): { command: string; cpuMs: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // the process has just exited
  }
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { command, cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond };
}
