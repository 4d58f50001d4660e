import type { DeadLetterReason } from '@helpdesk/messaging';
import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../metrics/metrics';

/** The consumers of this process (several apps in one test process share the registry). */
const parkers = new Map<object, { group: string; parked(): number }>();

new Gauge({
  name: 'helpdesk_consumer_parked_messages',
  help: 'Events parked now because they need what another topic has not brought yet, per consumer group',
  labelNames: ['group'],
  registers: [metricsRegistry],
  collect() {
    this.reset();
    const byGroup = new Map<string, number>();
    for (const { group, parked } of parkers.values())
      byGroup.set(group, (byGroup.get(group) ?? 0) + parked());
    for (const [group, count] of byGroup) this.set({ group }, count);
  },
});

const deadLetters = new Counter({
  name: 'helpdesk_consumer_dead_letters_total',
  help: 'Events dead-lettered, per consumer group and reason: not_yet_known (waited PARK_MAX_MS), failed, malformed',
  labelNames: ['group', 'reason'],
  registers: [metricsRegistry],
});

export const consumerMetrics = {
  watch(consumer: object, group: string, parked: () => number) {
    parkers.set(consumer, { group, parked });
  },
  forget(consumer: object) {
    parkers.delete(consumer);
  },
  deadLettered(group: string, reason: DeadLetterReason) {
    deadLetters.inc({ group, reason });
  },
};
