import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './infrastructure';
import { serviceNodeOptions } from './services';

/** What V8 allows the heap of a node started with these options, in MB. */
function heapLimitMb(options: string[]): number {
  const out = execFileSync(process.execPath, [...options, '-p', "require('v8').getHeapStatistics().heap_size_limit"], { encoding: 'utf8' });
  return Number(out) / 2 ** 20;
}

describe('the services’ node options', () => {
  it('bound the heap to a fraction of node\u2019s default (BENCHMARKS.md: what tighter bounds cost)', () => {
    expect(heapLimitMb([])).toBeGreaterThan(500); // node's own default: the options are what bound it
    expect(heapLimitMb(serviceNodeOptions())).toBeLessThanOrEqual(160);
  });

  it('are the ones the Docker image starts each service with', () => {
    const dockerfile = readFileSync(join(REPO_ROOT, 'deploy/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/COPY .*deploy\/service\.node-options/);
    expect(dockerfile).toMatch(/CMD .*exec node \$\(cat deploy\/service\.node-options\) /);
  });
});
