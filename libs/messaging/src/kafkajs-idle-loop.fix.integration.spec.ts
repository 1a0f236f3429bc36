import { Kafka } from 'kafkajs';
import { kafkaConfig } from './kafka.settings';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue');

/** An idle connection to a real broker must not spin on kafkajs's request-queue timer. */
describe('kafkajs idle loop fix', () => {
  it('arms no timer on an idle broker connection', async () => {
    const admin = new Kafka(kafkaConfig({ brokers: process.env.KAFKA_BROKERS!.split(','), namespace: 'idle', clientId: 'idle-test' })).admin();
    await admin.connect();
    try {
      await admin.listTopics(); // a request and its response: what started the loop before the fix
      const checks = jest.spyOn(RequestQueue.prototype, 'checkPendingRequests');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // Unfixed, each connection re-checks every millisecond: hundreds of calls in this second.
      expect(checks.mock.calls.length).toBeLessThan(5);
      checks.mockRestore();
    } finally {
      await admin.disconnect();
    }
  });
});
