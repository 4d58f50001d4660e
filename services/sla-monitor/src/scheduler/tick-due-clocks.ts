import { type Decider, type EventStore, handleCommand, handleCommandsOnStreams } from '@helpdesk/event-store';
import type { SlaEvent } from '@helpdesk/contracts';
import type { ViewStore } from '@helpdesk/read-models';
import { type PolicyCatalog, slaClockDecider, slaStream } from '../domain';
import type { ScheduledTicket } from '../projections/sla-schedule';

/** Tickets ticked at once when ticked one by one: enough to keep the event store busy, few enough to share it. */
const PARALLEL_TICKS = 16;

export interface DueClocks {
  store: EventStore;
  schedule: ViewStore<ScheduledTicket>;
  policies: PolicyCatalog;
  actor: { id: string; role: string };
  /** The ticket revision the monitor has observed (its ticket record's), named in alerts. */
  observedRevision?: (ticketId: string) => Promise<number | undefined>;
}

/**
 * One scheduler round: the tickets whose next warning or breach is due by `now`, soonest first,
 * each ticked at `now`. The decider emits each warning and breach once, with the instant it was
 * due, and every append is guarded by the revision it read: a document the read model has not
 * updated yet, an overlapping round or a second instance all end in an empty decision or a
 * conflict that is decided again, never in a second breach. The round reads every due stream at
 * once and appends all their events together (handleCommandsOnStreams); a round the store
 * refuses, and a ticket whose tick fails, are ticked one by one as before (a stream already
 * ticked then decides nothing). Returns how many tickets were due.
 */
export const tickDueClocks = async (
  { store, schedule, policies, actor, observedRevision }: DueClocks,
  now: Date,
  limit: number,
): Promise<number> => {
  const at = now.toISOString();
  const due = await schedule.find({
    range: { nextDeadline: { lte: at } },
    sort: { field: 'nextDeadline', direction: 'asc' },
    limit,
  });
  if (due.length === 0) return 0;
  const decider = slaClockDecider(policies);
  const metadata = { correlationId: `tick-${at}`, actor, occurredAt: at };
  const ticks = await Promise.all(
    due.map(async ({ ticketId }) => ({
      ticketId,
      decider: naming(decider, await observedRevision?.(ticketId)),
    })),
  );
  const outcomes = await handleCommandsOnStreams(
    store,
    ticks.map((tick) => ({
      streamId: slaStream(tick.ticketId),
      decider: tick.decider,
      commands: () => [{ command: { type: 'Tick' as const, at }, metadata }],
    })),
  );
  const alone = ticks.filter((_, i) => 'failed' in outcomes[i]);
  for (let i = 0; i < alone.length; i += PARALLEL_TICKS)
    await Promise.all(
      alone
        .slice(i, i + PARALLEL_TICKS)
        .map(({ ticketId, decider: named }) =>
          handleCommand(store, named, slaStream(ticketId), { type: 'Tick', at }, { metadata }),
        ),
    );
  return due.length;
};

/**
 * Warnings and breaches name the ticket revision the clock had observed, so that a subscriber
 * whose copy of the ticket is older (another topic, behind) waits for it rather than mailing
 * whoever it thinks is assigned.
 */
const naming = <C, S>(
  decider: Decider<C, SlaEvent, S>,
  ticketRevision: number | undefined,
): Decider<C, SlaEvent, S> => ({
  ...decider,
  decide: (command, state) =>
    decider
      .decide(command, state)
      .map((event) =>
        (event.type === 'WarningRaised' || event.type === 'ClockBreached') &&
        ticketRevision !== undefined &&
        ticketRevision >= 0
          ? ({ ...event, data: { ...event.data, ticketRevision } } as SlaEvent)
          : event,
      ),
});
