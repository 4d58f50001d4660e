import type { EventStore } from '@helpdesk/event-store';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { metricsRegistry } from '../metrics/metrics';

export type LagKind = 'relay' | 'projection' | 'consumer_group';

/** Something that follows a log and can fall behind: a relay, a projection, a consumer group. */
export interface LagSource {
  kind: LagKind;
  name: string;
  /** Events (or Kafka messages) not yet handled. */
  lag(): Promise<number>;
}

export type LagReport = Record<LagKind, Record<string, number | string>>;

/** A store's backlog is counted by reading it, so the count stops here: "at least this many". */
export const LAG_COUNT_CAP = 10_000;
const LAG_TIMEOUT_MS = 2000;

/**
 * Events in the store after `position` (all when undefined), counted by reading them (positions
 * are ordered, not dense) up to `cap`; `streamPrefix` narrows them, in the store, to what the
 * follower cares about (a relay publishes only its own streams).
 */
export const eventsAfter = async (
  store: Pick<EventStore, 'readAll'>,
  position: bigint | undefined,
  options: { cap?: number; streamPrefix?: string } = {},
): Promise<number> => {
  const cap = options.cap ?? LAG_COUNT_CAP;
  let count = 0;
  let from = position;
  while (count < cap) {
    const page = await store.readAll({
      fromPosition: from,
      limit: Math.min(1000, cap),
      streamPrefix: options.streamPrefix,
    });
    if (page.length === 0) break;
    count += page.length;
    from = page[page.length - 1].position;
  }
  return Math.min(count, cap);
};

/** Whether any follower is further behind than allowed (undefined: no limit). */
export const lagBeyond = (report: LagReport, maxLag: number | undefined): string[] => {
  if (maxLag === undefined) return [];
  return Object.entries(report).flatMap(([kind, byName]) =>
    Object.entries(byName)
      .filter(([, lag]) => typeof lag === 'number' && lag > maxLag)
      .map(([name, lag]) => `${kind} ${name} is ${lag} behind`),
  );
};

const sources = new Set<LagSource>();

const lagGauge = new Gauge({
  name: 'helpdesk_lag',
  help: 'Events not yet handled: per relay (in the store, not yet published), projection (behind the store head) and consumer group (Kafka lag)',
  labelNames: ['kind', 'name'],
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    const report = await measureLag([...sources]);
    for (const [kind, byName] of Object.entries(report))
      for (const [name, lag] of Object.entries(byName))
        if (typeof lag === 'number') this.set({ kind, name }, lag);
  },
});
void lagGauge;

/** Each follower's lag; one that cannot say (its server is down) reports why instead of a number. */
export const measureLag = async (list: LagSource[]): Promise<LagReport> => {
  const report: LagReport = { relay: {}, projection: {}, consumer_group: {} };
  await Promise.all(
    list.map(async (source) => {
      try {
        report[source.kind][source.name] = await withTimeout(source.lag(), LAG_TIMEOUT_MS);
      } catch (error) {
        report[source.kind][source.name] = `unknown: ${(error as Error).message}`;
      }
    }),
  );
  return report;
};

/** Every follower of this process registers here; `/health/ready` and `/metrics` report them. */
@Injectable()
export class LagRegistry implements OnApplicationShutdown {
  private readonly mine = new Set<LagSource>();

  register(source: LagSource) {
    this.mine.add(source);
    sources.add(source);
  }

  report(): Promise<LagReport> {
    return measureLag([...this.mine]);
  }

  onApplicationShutdown() {
    for (const source of this.mine) sources.delete(source);
  }
}

export const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
