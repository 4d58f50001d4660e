import { SLA_EVENTS, TOPICS } from '@helpdesk/contracts';
import { eventually, publishEvents, requireInfra, type TestApp } from '@helpdesk/testing';
import { randomUUID } from 'node:crypto';
import { agent, aTicket, reporter, startTickets } from './people';

/** The monitor's events as it would publish them for a ticket, due this many minutes from now. */
const dueIn = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('the tickets list sorted by SLA due time (real Kafka, PostgreSQL, MongoDB)', () => {
  let desk: TestApp;
  beforeAll(async () => (desk = await startTickets('tickets_sla_due')));
  afterAll(() => desk.close());

  it('lists the soonest running deadline first and tickets without a running clock last', async () => {
    const tag = `sla-order-${randomUUID().slice(0, 8)}`;
    const file = async () =>
      (
        await desk
          .as(reporter)
          .post('/tickets')
          .send({ ...aTicket, subject: `${tag} ${aTicket.subject}` })
          .expect(201)
      ).body.id as string;
    const [twoClocks, soonest, paused, noClock] = [await file(), await file(), await file(), await file()];
    const started = SLA_EVENTS.ClockStarted.example;
    const clock = (ticketId: string, revision: number, metric: string, dueAt: string) => ({
      aggregateId: ticketId,
      revision,
      type: 'ClockStarted',
      data: { ...started, ticketId, metric, dueAt },
    });
    await publishEvents([requireInfra('KAFKA_BROKERS')], TOPICS.sla, [
      // Its later clock must not count: the resolution clock is due first.
      clock(twoClocks, 0, 'first_response', dueIn(180)),
      clock(twoClocks, 1, 'resolution', dueIn(60)),
      clock(soonest, 0, 'first_response', dueIn(30)),
      // Due soonest of all, but paused (waiting for the customer): no running deadline.
      clock(paused, 0, 'resolution', dueIn(10)),
      {
        aggregateId: paused,
        revision: 1,
        type: 'ClockPaused',
        data: { ...SLA_EVENTS.ClockPaused.example, ticketId: paused, metric: 'resolution' },
      },
    ]);
    const withoutClock = [paused, noClock].sort();
    const list = async (cursor?: string) =>
      (
        await desk
          .as(agent)
          .get(`/tickets?q=${tag}&sort=slaDue&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200)
      ).body as { items: Array<{ id: string; slaDueAt: string | null }>; nextCursor: string | null };
    const first = await eventually(
      list,
      // Each clock event is applied on its own: wait for the last of them, not just the order.
      (page) =>
        page.items[0]?.id === soonest &&
        (page.items[1]?.slaDueAt ?? dueIn(999)) < dueIn(61) &&
        page.items[2]?.slaDueAt === null,
    );
    expect(first.items.map((t) => t.id)).toEqual([soonest, twoClocks, withoutClock[0]]);
    const second = await list(first.nextCursor!);
    expect(second).toEqual({
      items: [expect.objectContaining({ id: withoutClock[1], slaDueAt: null })],
      nextCursor: null,
    });
  });

  it('refuses a sort it does not know, naming the parameter', async () => {
    const response = await desk.as(agent).get('/tickets?sort=-slaDue').expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'sort' })]);
  });
});
