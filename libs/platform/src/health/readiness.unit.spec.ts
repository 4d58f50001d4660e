import { InMemoryEventStore } from '@helpdesk/event-store';
import { eventsAfter, lagBeyond, measureLag } from './lag';
import { runReadinessCheck } from './readiness';

describe('runReadinessCheck', () => {
  it('is up, with the details the check gives, when the dependency answers', async () => {
    expect(await runReadinessCheck({ name: 'kafka', check: async () => ({ brokers: 1 }) })).toEqual({
      status: 'up',
      brokers: 1,
    });
  });

  it('is down and says why when the dependency fails', async () => {
    const result = await runReadinessCheck({
      name: 'kafka',
      check: async () => Promise.reject(new Error('connection refused')),
    });
    expect(result).toEqual({ status: 'down', error: 'connection refused' });
  });
});

describe('lag', () => {
  const event = (id: string) => ({ id, type: 'Happened', data: {}, metadata: {} });

  it('counts the events after a position, only those the follower cares about', async () => {
    const store = new InMemoryEventStore();
    await store.append('ticket-1', [event('a'), event('b')], { expectedRevision: 'no_stream' });
    await store.append('contact-1', [event('c')], { expectedRevision: 'no_stream' });
    const [first] = await store.readAll({ limit: 1 });
    expect(await eventsAfter(store, undefined)).toBe(3);
    expect(await eventsAfter(store, first.position)).toBe(2);
    expect(await eventsAfter(store, first.position, { streamPrefix: 'ticket-' })).toBe(1);
    expect(await eventsAfter(store, await store.headPosition())).toBe(0);
  });

  it('stops counting at the cap', async () => {
    const store = new InMemoryEventStore();
    await store.append('ticket-1', [event('a'), event('b'), event('c')], { expectedRevision: 'no_stream' });
    expect(await eventsAfter(store, undefined, { cap: 2 })).toBe(2);
  });

  it('names each follower beyond the limit, and none without a limit', async () => {
    const report = await measureLag([
      { kind: 'relay', name: 'helpdesk.tickets.v1', lag: async () => 12 },
      { kind: 'projection', name: 'ticket-view', lag: async () => 3 },
      { kind: 'consumer_group', name: 'sla-monitor.tickets', lag: () => Promise.reject(new Error('down')) },
    ]);
    expect(report).toEqual({
      relay: { 'helpdesk.tickets.v1': 12 },
      projection: { 'ticket-view': 3 },
      consumer_group: { 'sla-monitor.tickets': 'unknown: down' },
    });
    expect(lagBeyond(report, 10)).toEqual(['relay helpdesk.tickets.v1 is 12 behind']);
    expect(lagBeyond(report, undefined)).toEqual([]);
  });
});
