import { pageBySlaDue } from './sla-due-order';

const ticket = (id: string, slaDueAt: string | null) => ({ id, slaDueAt });
const ids = (tickets: Array<{ id: string }>) => tickets.map((t) => t.id);

describe('the agents queue by SLA due time', () => {
  const tickets = [
    ticket('c', null),
    ticket('b', '2026-11-24T10:00:00.000Z'),
    ticket('a', null),
    ticket('d', '2026-11-23T09:00:00.000Z'),
    ticket('e', '2026-11-24T10:00:00.000Z'),
  ];

  it('puts the soonest deadline first and tickets without a running clock last, ties by id', () => {
    expect(ids(pageBySlaDue(tickets, 10).page)).toEqual(['d', 'b', 'e', 'a', 'c']);
  });

  it('pages on from the cursor without repeating or skipping a ticket', () => {
    const first = pageBySlaDue(tickets, 2);
    expect(first).toMatchObject({ more: true });
    const last = first.page[1]!;
    const second = pageBySlaDue(tickets, 2, { value: last.slaDueAt, id: last.id });
    const third = pageBySlaDue(tickets, 2, { value: second.page[1]!.slaDueAt, id: second.page[1]!.id });
    expect([...ids(first.page), ...ids(second.page), ...ids(third.page)]).toEqual(['d', 'b', 'e', 'a', 'c']);
    expect(third.more).toBe(false);
  });
});
