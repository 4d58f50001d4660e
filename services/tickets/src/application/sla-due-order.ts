import type { Scalar } from '@helpdesk/read-models';

/** A ticket with its next SLA deadline (null: no clock of it is running). */
export interface WithSlaDue {
  id: string;
  slaDueAt: string | null;
}

/**
 * The agents' queue order: the soonest deadline first, tickets without a running clock after
 * every other, ties broken by id so that a page boundary is always the same.
 */
export const compareSlaDue = (a: WithSlaDue, b: WithSlaDue): number => {
  if (a.slaDueAt !== b.slaDueAt) {
    if (a.slaDueAt === null) return 1;
    if (b.slaDueAt === null) return -1;
    return a.slaDueAt < b.slaDueAt ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/**
 * One page in that order, after the cursor's ticket (its deadline and id), and whether more
 * follow. A cursor's value that is not a deadline (a string) counts as "no running clock".
 */
export const pageBySlaDue = <T extends WithSlaDue>(
  tickets: readonly T[],
  limit: number,
  after?: { value: Scalar; id: string },
): { page: T[]; more: boolean } => {
  const from = after && { id: after.id, slaDueAt: typeof after.value === 'string' ? after.value : null };
  const ordered = tickets.filter((ticket) => !from || compareSlaDue(ticket, from) > 0).sort(compareSlaDue);
  return { page: ordered.slice(0, limit), more: ordered.length > limit };
};
