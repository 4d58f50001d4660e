import { cloudEventType, type ReleaseEvent, TOPICS } from '@helpdesk/contracts';
import { createInMemoryEventStore, type EventStore } from '@helpdesk/event-store';
import type { EventSubscriptions } from '@helpdesk/platform';
import { randomUUID } from 'node:crypto';
import { closed, inProgress } from '../domain/testing/ticket.fixtures';
import type { TicketEvent } from '../domain';
import { ReleaseFixes } from './release-fixes';

const releaseId = 'train-2026-12-08';
const change = { releaseId, by: 'agent-7', at: '2026-12-01T10:00:00.000Z' };
const target = { version: '2026.12.08', plannedDate: '2026-12-08' };
const fix = {
  ticketId: 't-1',
  number: 'HD-00042',
  title: 'Export fails',
  kind: 'error',
  organisationId: 'org-1',
} as const;

const scheduled: ReleaseEvent = { type: 'ReleaseFixScheduled', data: { ...change, ...target, fix } };
const postponed: ReleaseEvent = {
  type: 'ReleasePostponed',
  data: {
    ...change,
    ...target,
    plannedDate: '2026-12-10',
    postponedFrom: '2026-12-08',
    reason: 'Store review.',
    ticketIds: ['t-1'],
  },
};
const shipped: ReleaseEvent = {
  type: 'ReleaseShipped',
  data: { ...change, version: '2026.12.08', ticketIds: ['t-1'] },
};
const cancelled: ReleaseEvent = {
  type: 'ReleaseCancelled',
  data: { ...change, reason: 'Merged.', ticketIds: ['t-1'] },
};

/** A release event as it arrives from helpdesk.releases.v1. */
const message = (event: ReleaseEvent, id = randomUUID()) => ({
  topic: TOPICS.releases,
  partition: 0,
  offset: '0',
  event: {
    specversion: '1.0' as const,
    id,
    source: '/helpdesk/releases',
    type: cloudEventType('release', event.type),
    subject: releaseId,
    time: event.data.at,
    datacontenttype: 'application/json' as const,
    dataschema: 'urn:test',
    sequence: '1',
    data: event.data,
  },
});

const givenTicket = async (store: EventStore, events: TicketEvent[]) =>
  store.append(
    'ticket-t-1',
    events.map((event) => ({
      id: randomUUID(),
      type: event.type,
      data: event.data as unknown as Record<string, unknown>,
      metadata: {},
    })),
    { expectedRevision: 'no_stream' },
  );

const history = async (store: EventStore) =>
  (await store.readStream('ticket-t-1')).map((e) => e.type).slice(3);

describe('tickets follow their releases (helpdesk.releases.v1)', () => {
  let store: EventStore;
  let releaseFixes: ReleaseFixes;
  beforeEach(() => {
    store = createInMemoryEventStore();
    releaseFixes = new ReleaseFixes(store, {} as EventSubscriptions);
  });

  it('schedules the fix, moves its date when the release is postponed, releases and resolves it when it ships', async () => {
    await givenTicket(store, inProgress());
    await releaseFixes.handle(message(scheduled));
    await releaseFixes.handle(message(postponed));
    await releaseFixes.handle(message(shipped));
    expect(await history(store)).toEqual(['FixScheduled', 'FixScheduled', 'FixReleased', 'TicketResolved']);
    const events = await store.readStream('ticket-t-1');
    expect(events[4].data).toMatchObject({ releaseId, plannedDate: '2026-12-10', by: 'releases' });
    expect(events[5].metadata).toMatchObject({ actor: { id: 'releases', role: 'system' } });
  });

  it('handles a redelivered event once, even after the ticket moved on', async () => {
    await givenTicket(store, inProgress());
    const first = message(scheduled);
    await releaseFixes.handle(first);
    await releaseFixes.handle(message(cancelled));
    await releaseFixes.handle(first);
    const ship = message(shipped, randomUUID());
    expect(await history(store)).toEqual(['FixScheduled', 'FixUnscheduled']);

    await releaseFixes.handle(message(scheduled));
    await releaseFixes.handle(ship);
    await releaseFixes.handle(ship);
    expect(await history(store)).toEqual([
      'FixScheduled',
      'FixUnscheduled',
      'FixScheduled',
      'FixReleased',
      'TicketResolved',
    ]);
  });

  it('does not move a fix that went to another release when this one is postponed', async () => {
    await givenTicket(store, inProgress());
    await releaseFixes.handle(
      message({ ...scheduled, data: { ...scheduled.data, releaseId: 'train-2026-12-22' } }),
    );
    await releaseFixes.handle(message(postponed));
    const events = await store.readStream('ticket-t-1');
    expect(events.slice(3).map((e) => (e.data as { releaseId: string }).releaseId)).toEqual([
      'train-2026-12-22',
    ]);
  });

  it('logs a refusal no retry can change instead of failing the message', async () => {
    await givenTicket(store, closed());
    await expect(releaseFixes.handle(message(scheduled))).resolves.toBeUndefined();
    await expect(
      releaseFixes.handle(message({ ...shipped, data: { ...shipped.data, ticketIds: ['unknown'] } })),
    ).resolves.toBeUndefined();
    expect(await store.readStream('ticket-t-1')).toHaveLength(closed().length);
  });
});
