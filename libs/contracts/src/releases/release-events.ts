/**
 * The release's events: the releases service's published language on `helpdesk.releases.v1`.
 * The tickets service reads them to move each carried ticket (fix scheduled, moved, released,
 * taken out); notifications reads them to tell reporters and participants. Every event that
 * changes what a ticket can expect lists those tickets, so a consumer never has to rebuild the
 * release from its history. JSON Schemas are generated from this file like the ticket events.
 */
import type { TicketKind } from '../tickets/ticket-events';

/**
 * A ticket whose fix (or wish) a release delivers, with what its release notes show. The public
 * title, kind and organisation come from the ticket when the fix is scheduled: the notes can be
 * written, and scoped per customer, from the release alone.
 */
export interface CarriedFix {
  ticketId: string;
  /** The ticket's human reference, e.g. `HD-00042`. */
  number: string;
  /** The ticket's public title, as customers may read it in release notes. */
  title: string;
  kind: TicketKind;
  /** The organisation that reported it: release notes name it only to that customer. */
  organisationId: string;
}

type Event<Type extends string, Data> = { type: Type; data: Data };

/** Every release event names the release, who did it (an agent, or `system` for the train planner) and when. */
interface ReleaseChange {
  releaseId: string;
  by: string;
  at: string;
}

/** Which release a ticket's fix targets: the fields its `FixScheduled` carries besides the release id. */
interface ReleaseTarget {
  /** The release's name, e.g. `2026.12.08` or `4.2.0`. */
  version: string;
  /** The day the release is planned to ship, an ISO date (YYYY-MM-DD). */
  plannedDate: string;
}

export type ReleasePlanned = Event<'ReleasePlanned', ReleaseChange & ReleaseTarget>;
export type ReleaseFixScheduled = Event<
  'ReleaseFixScheduled',
  ReleaseChange & ReleaseTarget & { fix: CarriedFix }
>;
export type ReleaseFixUnscheduled = Event<
  'ReleaseFixUnscheduled',
  ReleaseChange & { ticketId: string; reason: string }
>;
export type ReleaseFrozen = Event<'ReleaseFrozen', ReleaseChange>;
export type ReleasePostponed = Event<
  'ReleasePostponed',
  ReleaseChange &
    ReleaseTarget & {
      /** The planned date before this postponement. */
      postponedFrom: string;
      reason: string;
      /** The tickets it carries: their expected fix date moves with it. */
      ticketIds: string[];
    }
>;
export type ReleaseShipped = Event<
  'ReleaseShipped',
  ReleaseChange & {
    version: string;
    /** The tickets whose fix it delivered: each is released and resolved. */
    ticketIds: string[];
  }
>;
export type ReleaseCancelled = Event<
  'ReleaseCancelled',
  ReleaseChange & {
    reason: string;
    /** The tickets it carried: their fixes are unscheduled again. */
    ticketIds: string[];
  }
>;

export type ReleaseEvent =
  | ReleasePlanned
  | ReleaseFixScheduled
  | ReleaseFixUnscheduled
  | ReleaseFrozen
  | ReleasePostponed
  | ReleaseShipped
  | ReleaseCancelled;

export type ReleaseEventType = ReleaseEvent['type'];
