// The SLA monitor's clocks in memory (the same observer, decider, schedule projection and
// scheduler round as the service, on the in-memory event and view stores):
//   1. ticket events/s absorbed: registrations that each start a clock, then a comment on each;
//   2. p99 delay between a clock's due time and its breach event, with every clock open at once;
//   3. the process's memory (RSS and heap) holding them: right after absorbing, and settled (the
//      last reading before the first deadline, while the rounds find nothing due).
//   npm run bench:sla   (BENCH_CLOCKS=100000, BENCH_SPREAD_SECONDS=120, SLA_TICK_MS=1000,
//                        SLA_TICK_BATCH=500 (the service's default), BENCH_OBSERVE_BATCH=500 ticket events by default)
// The event store is PostgreSQL, as the monitor runs deployed (a fresh database on PG_URL from
// `npm run infra:up`), so the memory figures are the monitor's own; BENCH_EVENT_STORE=memory holds
// it in this process instead (the in-memory stand-in: its events then count in RSS and heap).
import { type CloudEvent, cloudEventType, type TicketEvent } from '@helpdesk/contracts';
import {
  createPostgresEventStore,
  derivedEventId,
  type EventStore,
  InMemoryEventStore,
  type StoredEvent,
} from '@helpdesk/event-store';
import { freshPostgresDatabase, loadInfraEnv } from '@helpdesk/testing';
import {
  eventFeed,
  InMemoryCheckpointStore,
  InMemoryViewStore,
  ProjectionRunner,
} from '@helpdesk/read-models';
import { TicketEventObserver } from '../../services/sla-monitor/src/application/observe-ticket-event';
import type { SlaSettings } from '../../services/sla-monitor/src/application/sla-settings';
import type { SlaOrganisationDirectory } from '../../services/sla-monitor/src/consumers/sla-organisation-directory';
import { BUILT_IN_POLICIES, parsePolicy, policyHistory } from '../../services/sla-monitor/src/domain';
import {
  SLA_SCHEDULE_INDEXES,
  type ScheduledTicket,
  slaScheduleProjection,
} from '../../services/sla-monitor/src/projections/sla-schedule';
import { tickRound } from '../../services/sla-monitor/src/scheduler/next-round';
import { elapsedMs, percentile } from '../lib/stats';

const CLOCKS = Number(process.env.BENCH_CLOCKS ?? 100_000);
const TICK_MS = Number(process.env.SLA_TICK_MS ?? 1000);
/** Time to absorb and project everything before the first warning falls due. */
const LEAD_SECONDS = Number(process.env.BENCH_LEAD_SECONDS ?? 120);
/** The clocks fall due over this many seconds (three deadlines each: warnings at 75% and 90%, breach). */
const SPREAD_SECONDS = Number(process.env.BENCH_SPREAD_SECONDS ?? 120);
const TICK_BATCH = Number(process.env.SLA_TICK_BATCH ?? 500);
/** Ticket events observed at once, as the consumer hands the observer a batch from a fetch. */
const OBSERVE_BATCH = Number(process.env.BENCH_OBSERVE_BATCH ?? 500);
const EVENT_STORE = process.env.BENCH_EVENT_STORE ?? 'postgres';

const openEventStore = async (): Promise<EventStore> => {
  if (EVENT_STORE === 'memory') return new InMemoryEventStore();
  if (EVENT_STORE !== 'postgres') throw new Error(`BENCH_EVENT_STORE=${EVENT_STORE}: use postgres or memory`);
  loadInfraEnv();
  if (!process.env.PG_URL)
    throw new Error('BENCH_EVENT_STORE=postgres needs PG_URL: run `npm run infra:up` first');
  const database = await freshPostgresDatabase(process.env.PG_URL, 'bench_sla');
  return createPostgresEventStore(database.url, { poolSize: 16 });
};

// Round the clock, one metric: one open clock per ticket, due LEAD_SECONDS after registration.
const benchPolicy = parsePolicy({
  id: 'bench',
  version: 1,
  effectiveFrom: '2000-01-01T00:00:00Z',
  calendar: { officeHours: '24/7' },
  targets: {
    triage: Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { hours: LEAD_SECONDS / 3600 }])),
  },
});
const policies = policyHistory([...BUILT_IN_POLICIES, benchPolicy]);
const settings: SlaSettings = { tickMs: TICK_MS, tickBatch: TICK_BATCH, defaultPolicyId: 'bench', policies };
const directory = {
  organisation: async () => ({ status: 'active', slaPolicy: 'bench' }),
} as unknown as SlaOrganisationDirectory;

const published = (ticketId: string, revision: number, event: TicketEvent): CloudEvent => ({
  specversion: '1.0',
  id: derivedEventId('bench', ticketId, String(revision)),
  source: '/helpdesk/tickets',
  type: cloudEventType('ticket', event.type),
  subject: ticketId,
  time: event.data.at,
  datacontenttype: 'application/json',
  dataschema: '',
  sequence: String(revision),
  data: event.data,
});

const ticketEvents = (i: number, start: number) => {
  const ticketId = `t-${i}`;
  const at = new Date(start + Math.floor((i / CLOCKS) * SPREAD_SECONDS * 1000)).toISOString();
  const change = { ticketId, by: 'c-bench', at };
  return [
    published(ticketId, 0, {
      type: 'TicketRegistered',
      data: {
        ...change,
        number: `HD-${String(i).padStart(6, '0')}`,
        kind: 'error',
        channel: 'portal',
        subject: 'Export stops',
        description: 'It stops halfway.',
        details: {},
        organisationId: 'org-bench',
        reporterId: 'c-bench',
      },
    }),
    // An internal note changes no clock: the observer still reads and decides.
    published(ticketId, 1, {
      type: 'CommentAdded',
      data: {
        ...change,
        by: 'agent-bench',
        commentId: `n-${i}`,
        body: 'Looking.',
        visibility: 'internal',
        authorRole: 'agent',
        firstResponse: false,
      },
    }),
  ];
};

const memory = () => {
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMB: Math.round(rss / 2 ** 20), heapMB: Math.round(heapUsed / 2 ** 20) };
};

/** Live heap after a full collection (the script runs node with --expose-gc), in bytes. */
const liveHeap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};
const perClock = (bytes: number) => Math.round(bytes / CLOCKS);

const main = async () => {
  const store = await openEventStore();
  console.log(`event store: ${EVENT_STORE}`);
  const schedule = new InMemoryViewStore<ScheduledTicket>(SLA_SCHEDULE_INDEXES);
  const observer = new TicketEventObserver(store, settings, directory);
  const start = Date.now();
  const heapAtStart = liveHeap();

  // 1. Absorbing ticket events.
  const absorbStarted = process.hrtime.bigint();
  for (let i = 0; i < CLOCKS; i += OBSERVE_BATCH / 2) {
    const batch = [];
    for (let j = i; j < Math.min(CLOCKS, i + OBSERVE_BATCH / 2); j++) batch.push(...ticketEvents(j, start));
    await observer.observeAll(batch);
  }
  const absorbSeconds = elapsedMs(absorbStarted) / 1000;
  const heapWithEvents = liveHeap();
  const projectionStarted = process.hrtime.bigint();
  const runner = new ProjectionRunner(
    slaScheduleProjection(policies),
    eventFeed(store),
    schedule,
    new InMemoryCheckpointStore(),
  );
  await runner.start(await store.headPosition());
  const projectionSeconds = elapsedMs(projectionStarted) / 1000;
  const absorbed = {
    ticketEvents: 2 * CLOCKS,
    seconds: Number(absorbSeconds.toFixed(1)),
    eventsPerSecond: Math.round((2 * CLOCKS) / absorbSeconds),
    scheduleProjectedInSeconds: Number(projectionSeconds.toFixed(1)),
  };
  console.log('absorbed:', absorbed);
  const heapWithSchedule = liveHeap();
  const open = memory();
  // With BENCH_EVENT_STORE=memory the first is the in-memory stand-in's events; with PostgreSQL, the
  // client's own (pool, prepared statements): the events are in the server.
  const liveBytesPerClock = {
    eventStore: perClock(heapWithEvents - heapAtStart),
    schedule: perClock(heapWithSchedule - heapWithEvents),
  };
  console.log(`memory with ${CLOCKS} open clocks:`, open, 'live heap bytes per clock:', liveBytesPerClock);
  const firstWarning = start + 0.75 * LEAD_SECONDS * 1000;
  if (Date.now() > firstWarning)
    console.warn(`absorbing took longer than the lead: raise BENCH_LEAD_SECONDS (now ${LEAD_SECONDS})`);

  // 2. The service's scheduler rounds until every clock has breached; delay = appended - due.
  const delays: number[] = [];
  const breachesSeen = store.subscribeToAll({
    fromPosition: await store.headPosition(),
    onEvent: async (event: StoredEvent) => {
      if (event.type === 'ClockBreached')
        delays.push(event.recordedAt.getTime() - Date.parse(event.data.at as string));
    },
  });
  const actor = { id: 'sla-monitor', role: 'system' };
  const caughtUp = async () => runner.caughtUpTo((await store.headPosition())!);
  // Until the first deadline the rounds find nothing due, as in a monitor between deadlines: V8's
  // memory reducer gives back the pages absorbing grew into after some seconds of that, so the
  // last reading before the first deadline is what the open clocks hold once settled.
  let settled = open;
  let peak = { rssMB: 0, heapMB: 0 };
  while (delays.length < CLOCKS) {
    // The service's round: at once after a full batch, else at the soonest deadline ahead.
    const waitMs = await tickRound({ store, schedule, policies, actor }, caughtUp, settings);
    const now = memory();
    if (Date.now() < firstWarning) settled = now;
    else if (now.rssMB > peak.rssMB) peak = now;
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  await breachesSeen.stop();
  await runner.stop();
  await store.close();
  const sorted = delays.sort((a, b) => a - b);
  const breached = {
    breaches: sorted.length,
    tickMs: TICK_MS,
    p50ms: percentile(sorted, 50),
    p99ms: percentile(sorted, 99),
    maxMs: sorted.at(-1),
  };
  console.log('due time to breach event:', breached);
  console.table([
    { figure: 'ticket events absorbed/s', value: absorbed.eventsPerSecond },
    { figure: 'p99 due -> breach (ms)', value: breached.p99ms },
    { figure: `RSS with ${CLOCKS} open clocks, right after absorbing (MB)`, value: open.rssMB },
    {
      figure: `RSS with ${CLOCKS} open clocks, settled before the first deadline (MB)`,
      value: settled.rssMB,
    },
    { figure: `heap with ${CLOCKS} open clocks (MB)`, value: open.heapMB },
    { figure: `heap with ${CLOCKS} open clocks, settled (MB)`, value: settled.heapMB },
    { figure: 'live heap per clock: event store (bytes)', value: liveBytesPerClock.eventStore },
    { figure: 'live heap per clock: schedule (bytes)', value: liveBytesPerClock.schedule },
    { figure: 'peak RSS while breaching (MB)', value: peak.rssMB },
  ]);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
