import { decodeEvent } from '@helpdesk/contracts';
import {
  DomainError,
  type EventStore,
  fold,
  handleCommand,
  WrongExpectedRevisionError,
} from '@helpdesk/event-store';
import { type CommandContext, EVENT_STORE } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import {
  carries,
  type FixReservationCommand,
  fixReservationDecider,
  type FixReservationEvent,
  fixReservationStream,
  type HolderRelease,
  isOpen,
} from '../domain';
import { loadRelease } from './release-queries';

/** How often a reservation is decided again after losing a race for the same ticket. */
const ATTEMPTS = 5;

/**
 * The tickets' fix reservations in the releases service's own store: one release at a time per
 * ticket, however many agents or processes schedule at once (see domain/fix-reservation.ts).
 */
@Injectable()
export class FixReservations {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Reserves the ticket's fix for the release, or refuses (409) while another open release holds it. */
  async reserve(
    fix: { ticketId: string; number: string },
    release: { id: string; version: string },
    by: string,
    context: CommandContext,
  ) {
    for (let attempt = 1; ; attempt++) {
      const stream = fixReservationStream(fix.ticketId);
      const stored = await this.store.readStream(stream);
      const { holder } = fold(
        fixReservationDecider,
        stored.map((e) => decodeEvent<FixReservationEvent>(e)),
      );
      const at = new Date().toISOString();
      const command: FixReservationCommand = {
        type: 'ReserveFix',
        data: {
          ...fix,
          releaseId: release.id,
          version: release.version,
          ...(holder ? { holder: await this.holderRelease(holder.releaseId, fix.ticketId) } : {}),
        },
        by,
        at,
      };
      try {
        // Decided on what was read, the holder's release included: a write since then fails the append.
        await this.send(command, context, stored.length - 1);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /** The release took the fix. */
  confirm(ticketId: string, releaseId: string, context: CommandContext) {
    return this.send(
      { type: 'ConfirmFix', data: { ticketId, releaseId }, at: new Date().toISOString() },
      context,
    );
  }

  /**
   * The release refused the fix after all: the reservation is given back, unless the release
   * carries the fix from before (a repeated request that lost an If-Match race).
   */
  async free(ticketId: string, releaseId: string, reason: string, context: CommandContext) {
    if ((await this.holderRelease(releaseId, ticketId)).carries) return;
    await this.send(
      { type: 'FreeFix', data: { ticketId, releaseId, reason }, at: new Date().toISOString() },
      context,
    );
  }

  private send(command: FixReservationCommand, context: CommandContext, expectedRevision?: number) {
    const stream = fixReservationStream(command.data.ticketId);
    return handleCommand(this.store, fixReservationDecider, stream, command, {
      metadata: { ...context, occurredAt: command.at },
      ...(expectedRevision === undefined ? {} : { expectedRevision }),
    });
  }

  private async holderRelease(releaseId: string, ticketId: string): Promise<HolderRelease> {
    const found = await loadRelease(this.store, releaseId).catch((error: unknown) => {
      if (error instanceof DomainError && error.kind === 'not_found') return undefined;
      throw error;
    });
    if (!found) return { open: false, carries: false };
    return { open: isOpen(found.release), carries: carries(found.release, ticketId) };
  }
}
