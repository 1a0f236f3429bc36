import { ServiceApi } from '@gridwhistle/platform';

export const ROUTING_API: ServiceApi = {
  title: 'GridWhistle routing',
  description: `
Dispatches (派单) each reported case to the department that must handle it, by its category,
following a dispatch table that operators edit as data, and sets its deadline. Routing works
only over Kafka: its HTTP API is for operations (health and metrics).`,
  tags: {},
};
