import { Infrastructure } from './infrastructure';

/** Stops only what the global setup started. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { gridwhistleInfra?: Infrastructure }).gridwhistleInfra?.stop();
}
