/**
 * A `collect` for several metrics fed by one reading (one query): prom-client collects all
 * metrics of a scrape together, so the first to collect starts the reading and the others
 * await the same one; the next scrape reads afresh.
 */
export function sharedReading(read: () => Promise<void>): () => Promise<void> {
  let reading: Promise<void> | undefined;
  return () => (reading ??= read().finally(() => setImmediate(() => (reading = undefined))));
}
