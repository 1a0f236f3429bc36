/**
 * kafkajs 2.2.4, its last release, re-arms a 1 ms timer on every broker connection for as
 * long as the connection lives once nothing is pending, so every process burns CPU even when
 * idle (about 5% of a core per service here; tulios/kafkajs#1556 and #1704, fix proposed in
 * #1667 and never released). This applies that fix: with nothing pending and no throttle in
 * force there is nothing to check later, so no timer is armed. Everything else is unchanged.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue');

interface RequestQueueState {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

/** kafkajs's own interval for re-checking requests held back by the in-flight limit. */
const CHECK_PENDING_REQUESTS_INTERVAL = 10;

RequestQueue.prototype.scheduleCheckPendingRequests = function (this: RequestQueueState): void {
  if (this.throttleCheckTimeoutId) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  if (this.pending.length === 0 && untilUnthrottled <= 0) return;
  const scheduleAt = this.pending.length > 0 && untilUnthrottled <= 0 ? CHECK_PENDING_REQUESTS_INTERVAL : untilUnthrottled;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, scheduleAt);
};
