/**
 * Failures that say nothing about the message itself (the database or broker is away, a
 * deadlock, a serialization conflict): retried without limit, never dead-lettered.
 */
export function isTransientFailure(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') return false;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  // A protocol violation (08P01) is in the connection class, but it is the request that is wrong:
  // retrying it forever would stop the partition.
  if (code === '08P01') return false;
  // SQLSTATE classes: 08 connection, 40 transaction rollback, 53 resources, 57 operator intervention.
  return /^(08|40|53|57)[0-9A-Z]{3}$/.test(code);
}

export function describeFailure(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
