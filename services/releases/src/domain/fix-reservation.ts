import type { Decider } from '@helpdesk/decider';
import { refuse } from './release.rules';

/**
 * A ticket's fix is in at most one open release at a time. The rule spans the ticket and every
 * release, so no release stream can hold it: each ticket has a reservation stream of its own in
 * the releases service's store, `fix-reservation-<ticketId>`, and a fix is reserved there (an
 * append with the expected revision) before it is scheduled into a release. Of two agents
 * scheduling one ticket into two releases at the same moment, in one process or in two, exactly
 * one append wins; the other reads the winner's reservation and is refused. The stream is the
 * releases service's own bookkeeping: it is not published (no topic carries its prefix).
 */
export type FixReservationEvent =
  | {
      type: 'FixReserved';
      data: { ticketId: string; releaseId: string; version: string; by: string; at: string };
    }
  | { type: 'FixReservationConfirmed'; data: { ticketId: string; releaseId: string; at: string } }
  | {
      type: 'FixReservationFreed';
      data: { ticketId: string; releaseId: string; at: string; reason: string };
    };

/** The release the reservation's holder is, as its own stream says now. */
export interface HolderRelease {
  /** Planned or frozen: it can still carry (or take) the fix. */
  open: boolean;
  carries: boolean;
}

export type FixReservationCommand =
  | {
      type: 'ReserveFix';
      data: {
        ticketId: string;
        number: string;
        releaseId: string;
        version: string;
        /** The release holding the reservation now (this one or another), as its stream says. */
        holder?: HolderRelease;
      };
      by: string;
      at: string;
    }
  /** The release took the fix: from now on, the fix leaving that release frees the reservation. */
  | { type: 'ConfirmFix'; data: { ticketId: string; releaseId: string }; at: string }
  /** The release refused the fix after it was reserved: give the reservation back. */
  | { type: 'FreeFix'; data: { ticketId: string; releaseId: string; reason: string }; at: string };

export interface FixReservation {
  holder?: { releaseId: string; version: string; reservedAt: string; confirmed: boolean };
}

/**
 * A reservation whose release never confirmed it was left by a process that stopped between the
 * two appends; after this long it no longer blocks another release.
 */
export const ABANDONED_AFTER_MS = 60_000;

/**
 * Whether the holding release still stands in the way: it is open and carries the fix, or it is
 * open and is about to take it (reserved a moment ago, not yet confirmed).
 */
const holds = (holder: NonNullable<FixReservation['holder']>, release: HolderRelease, at: string) => {
  if (!release.open) return false;
  if (release.carries) return true;
  return !holder.confirmed && Date.parse(at) - Date.parse(holder.reservedAt) < ABANDONED_AFTER_MS;
};

const decide = (command: FixReservationCommand, state: FixReservation): FixReservationEvent[] => {
  const { ticketId, releaseId } = command.data;
  const holder = state.holder;
  switch (command.type) {
    case 'ReserveFix': {
      // Without facts about the holder, assume the worst: it holds.
      const facts = command.data.holder ?? { open: true, carries: true };
      if (holder?.releaseId === releaseId) {
        // Reserved again unless already carried: the new revision makes a racing reservation for
        // another release, decided on the old one, fail.
        if (holder.confirmed && facts.carries) return [];
      } else if (holder && holds(holder, facts, command.at))
        refuse(
          'conflict',
          'fix_in_other_release',
          `The fix for ${command.data.number} is already scheduled in release ${holder.version}: take it out of that release first.`,
          { releaseId: holder.releaseId, version: holder.version },
        );
      const { version } = command.data;
      return [
        { type: 'FixReserved', data: { ticketId, releaseId, version, by: command.by, at: command.at } },
      ];
    }
    case 'ConfirmFix':
      return holder?.releaseId === releaseId && !holder.confirmed
        ? [{ type: 'FixReservationConfirmed', data: { ticketId, releaseId, at: command.at } }]
        : [];
    case 'FreeFix':
      return holder?.releaseId === releaseId
        ? [
            {
              type: 'FixReservationFreed',
              data: { ticketId, releaseId, at: command.at, reason: command.data.reason },
            },
          ]
        : [];
  }
};

const evolve = (state: FixReservation, event: FixReservationEvent): FixReservation => {
  switch (event.type) {
    case 'FixReserved': {
      const { releaseId, version, at } = event.data;
      return { holder: { releaseId, version, reservedAt: at, confirmed: false } };
    }
    case 'FixReservationConfirmed':
      return state.holder ? { holder: { ...state.holder, confirmed: true } } : state;
    case 'FixReservationFreed':
      return {};
  }
};

export const fixReservationDecider: Decider<FixReservationCommand, FixReservationEvent, FixReservation> = {
  initialState: {},
  decide,
  evolve,
};

export const fixReservationStream = (ticketId: string) => `fix-reservation-${ticketId}`;
