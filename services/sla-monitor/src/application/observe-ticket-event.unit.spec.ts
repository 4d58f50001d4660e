import {
  type CloudEvent,
  cloudEventType,
  decodeEvent,
  type SlaEvent,
  type TicketEvent,
} from '@helpdesk/contracts';
import { derivedEventId, InMemoryEventStore } from '@helpdesk/event-store';
import type { SlaOrganisationDirectory } from '../consumers/sla-organisation-directory';
import { policies, ticket, ticketId } from '../domain/clock/sla-clock.fixtures';
import { slaStream } from '../domain';
import { isNotYetKnown } from '@helpdesk/messaging';
import { TicketEventObserver } from './observe-ticket-event';
import type { SlaSettings } from './sla-settings';

// The default is response-time, so a ticket under restore-time shows that its organisation's policy applied.
const settings: SlaSettings = { tickMs: 1000, tickBatch: 10, defaultPolicyId: 'response-time', policies };
/** A directory that knows the organisations in `known`, with their contract policy. */
const directoryOf = (known: Record<string, string>) =>
  ({
    organisation: async (id: string) =>
      id in known ? { status: 'active', id, slaPolicy: known[id], contacts: {} } : { status: 'unregistered' },
  }) as unknown as SlaOrganisationDirectory;
const directory = directoryOf({ 'org-1': 'restore-time' });

/** The ticket's events as the tickets service's relay publishes them. */
const published = (events: TicketEvent[]): CloudEvent[] =>
  events.map((event, revision) => ({
    specversion: '1.0',
    id: derivedEventId('ticket-event', String(revision)),
    source: '/helpdesk/tickets',
    type: cloudEventType('ticket', event.type),
    subject: ticketId,
    time: event.data.at,
    datacontenttype: 'application/json',
    dataschema: '',
    sequence: String(revision),
    data: event.data,
  }));

// A P1 waits for the customer twice: the second wait must hold however often the events arrive.
const history = published([
  ticket.registered('2026-11-23T09:00'),
  ticket.triaged('2026-11-23T09:05', 'P1'),
  ticket.waitingForCustomer('2026-11-23T10:00'),
  ticket.customerReplied('2026-11-23T11:00'),
  // Already in progress: this changed nothing on the clocks, so it left no event behind.
  ticket.workResumed('2026-11-23T11:30'),
  ticket.waitingForCustomer('2026-11-23T12:00'),
]);

const feed = async (store: InMemoryEventStore, messages: CloudEvent[]) => {
  const observer = new TicketEventObserver(store, settings, directory);
  for (const message of messages) await observer.observe(message);
};

const slaEvents = async (store: InMemoryEventStore) =>
  (await store.readStream(slaStream(ticketId))).map((e) => ({ id: e.id, ...decodeEvent<SlaEvent>(e) }));

describe('observing ticket events', () => {
  it('starts, re-targets, pauses and resumes the clocks', async () => {
    const store = new InMemoryEventStore();
    await feed(store, history);
    expect((await slaEvents(store)).map((e) => `${e.type} ${e.data.metric}`)).toEqual([
      'ClockStarted first_response',
      'ClockStarted resolution',
      'TargetChanged first_response',
      'TargetChanged resolution',
      'ClockPaused resolution',
      'ClockResumed resolution',
      'ClockPaused resolution',
    ]);
  });

  it('appends nothing when the same events arrive again, in order or one by one', async () => {
    const store = new InMemoryEventStore();
    await feed(store, history);
    const first = await slaEvents(store);
    await feed(store, history);
    await feed(store, [history[3], history[1], history[0]]);
    expect(await slaEvents(store)).toEqual(first);
  });

  it('gives a fresh instance exactly the same SLA events, ids included', async () => {
    const [one, other] = [new InMemoryEventStore(), new InMemoryEventStore()];
    await feed(one, history);
    await feed(other, history);
    expect(await slaEvents(other)).toEqual(await slaEvents(one));
  });

  it('does not resume a paused clock when an old event that changed nothing is delivered again', async () => {
    const store = new InMemoryEventStore();
    await feed(store, history);
    await feed(store, [history[4]]);
    expect((await slaEvents(store)).at(-1)?.type).toBe('ClockPaused');
  });

  it('waits for an organisation the directory has not heard of yet instead of applying the default policy', async () => {
    const store = new InMemoryEventStore();
    const waiting = new TicketEventObserver(store, settings, directoryOf({}));
    const refused = await waiting.observe(history[0]).catch((error: unknown) => error);
    expect(isNotYetKnown(refused) && refused.dependency).toBe('organisation org-1');
    expect(await slaEvents(store)).toEqual([]);

    // Once the organisation's registration arrives, the parked event starts the clocks under its policy.
    await new TicketEventObserver(store, settings, directory).observe(history[0]);
    const [started] = await slaEvents(store);
    expect(started).toMatchObject({ type: 'ClockStarted', data: { policyId: 'restore-time' } });
  });

  it('applies the default policy to a known organisation whose policy is not in force here', async () => {
    const store = new InMemoryEventStore();
    await new TicketEventObserver(store, settings, directoryOf({ 'org-1': 'retired-contract' })).observe(
      history[0],
    );
    const [started] = await slaEvents(store);
    expect(started).toMatchObject({ type: 'ClockStarted', data: { policyId: 'response-time' } });
  });

  describe('in batches, as a consumer hands them over', () => {
    /** The same history for another ticket (its own subject, ids and organisation). */
    const otherTicket = (id: string, organisationId = 'org-1'): CloudEvent[] =>
      history.map((message) => ({
        ...message,
        id: derivedEventId('ticket-event', id, message.sequence!),
        subject: id,
        data: {
          ...(message.data as object),
          ticketId: id,
          ...('organisationId' in (message.data as object) && { organisationId }),
        },
      }));
    const eventsOf = async (store: InMemoryEventStore, id: string) =>
      (await store.readStream(slaStream(id))).map((e) => ({ id: e.id, ...decodeEvent<SlaEvent>(e) }));
    const tickets = [ticketId, 't-2', 't-3'];
    const interleaved = history.flatMap((message, i) => [
      message,
      otherTicket('t-2')[i],
      otherTicket('t-3')[i],
    ]);

    it('gives every ticket the SLA events, ids included, that observing one by one gives', async () => {
      const [oneByOne, batched] = [new InMemoryEventStore(), new InMemoryEventStore()];
      await feed(oneByOne, interleaved);
      const observer = new TicketEventObserver(batched, settings, directory);
      for (let i = 0; i < interleaved.length; i += 4) await observer.observeAll(interleaved.slice(i, i + 4));
      for (const id of tickets) expect(await eventsOf(batched, id)).toEqual(await eventsOf(oneByOne, id));
      expect(await eventsOf(batched, 't-2')).toHaveLength(7);
    });

    it('appends nothing when a batch arrives again, whole or grouped otherwise', async () => {
      const store = new InMemoryEventStore();
      const observer = new TicketEventObserver(store, settings, directory);
      await observer.observeAll(interleaved.slice(0, 9));
      await observer.observeAll(interleaved.slice(0, 9));
      await observer.observeAll(interleaved.slice(5, 14));
      await observer.observeAll(interleaved);
      const once = new InMemoryEventStore();
      await feed(once, interleaved);
      for (const id of tickets) expect(await eventsOf(store, id)).toEqual(await eventsOf(once, id));
    });

    it("stores the other tickets' events and throws for a ticket whose organisation is not yet known", async () => {
      const store = new InMemoryEventStore();
      const observer = new TicketEventObserver(store, settings, directory);
      const unknown = otherTicket('t-4', 'org-unknown');
      const refused = await observer
        .observeAll([...history.slice(0, 2), unknown[0], ...otherTicket('t-2').slice(0, 2)])
        .catch((error: unknown) => error);
      expect(isNotYetKnown(refused) && refused.dependency).toBe('organisation org-unknown');
      expect(await eventsOf(store, 't-4')).toEqual([]);
      expect(await eventsOf(store, ticketId)).toHaveLength(4);
      expect(await eventsOf(store, 't-2')).toHaveLength(4);
    });
  });
});
