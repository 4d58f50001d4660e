import type { DeadLetterReason } from '@helpdesk/messaging';
import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../metrics/metrics';

/** What a consumer tells of its parked events; absent while it is not running. */
export interface ParkingFigures {
  parked: number;
  parkedBytes: number;
  backPressure: { paused: boolean; pauses: number };
}

/** The consumers of this process (several apps in one test process share the registry). */
const parkers = new Map<object, { group: string; figures(): ParkingFigures | undefined }>();

/** A gauge summed per consumer group over this process's consumers. */
const perGroup = (name: string, help: string, figure: (figures: ParkingFigures) => number) =>
  new Gauge({
    name,
    help,
    labelNames: ['group'],
    registers: [metricsRegistry],
    collect() {
      this.reset();
      const byGroup = new Map<string, number>();
      for (const { group, figures } of parkers.values()) {
        const now = figures();
        byGroup.set(group, (byGroup.get(group) ?? 0) + (now ? figure(now) : 0));
      }
      for (const [group, value] of byGroup) this.set({ group }, value);
    },
  });

perGroup(
  'helpdesk_consumer_parked_messages',
  'Events parked now because they need what another topic has not brought yet, per consumer group',
  (f) => f.parked,
);
perGroup(
  'helpdesk_consumer_parked_bytes',
  'Bytes of the events parked now, per consumer group',
  (f) => f.parkedBytes,
);
perGroup(
  'helpdesk_consumer_paused',
  'Consumers not fetching now because their parked events reached PARK_MAX_MESSAGES or PARK_MAX_BYTES',
  (f) => (f.backPressure.paused ? 1 : 0),
);
perGroup(
  'helpdesk_consumer_pauses',
  'How often consumers paused fetching at the parking cap since they started, per consumer group',
  (f) => f.backPressure.pauses,
);

const deadLetters = new Counter({
  name: 'helpdesk_consumer_dead_letters_total',
  help: 'Events dead-lettered, per consumer group and reason: not_yet_known (waited PARK_MAX_MS), failed, malformed',
  labelNames: ['group', 'reason'],
  registers: [metricsRegistry],
});

export const consumerMetrics = {
  watch(consumer: object, group: string, figures: () => ParkingFigures | undefined) {
    parkers.set(consumer, { group, figures });
  },
  forget(consumer: object) {
    parkers.delete(consumer);
  },
  deadLettered(group: string, reason: DeadLetterReason) {
    deadLetters.inc({ group, reason });
  },
};
