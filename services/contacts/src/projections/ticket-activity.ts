import { decodeEvent } from '@helpdesk/contracts';
import type { Projection, View } from '@helpdesk/read-models';
import {
  evolveInvolvement,
  type InvolvementEvent,
  isInvolvementEvent,
  type TicketInvolvement,
} from '../domain';

/** A ticket's involvement, one document per ticket: a closing changes every involved contact at once. */
export type TicketActivityView = View & TicketInvolvement;

const STREAM_PREFIX = 'ticket-';

export const ticketActivityProjection: Projection<TicketActivityView> = {
  name: 'contacts-ticket-activity',
  documentId: (stored) => {
    if (!stored.streamId.startsWith(STREAM_PREFIX)) return undefined;
    return isInvolvementEvent(stored) ? stored.streamId.slice(STREAM_PREFIX.length) : undefined;
  },
  evolve: (current, stored) => {
    // documentId lets only involvement events through.
    const next = evolveInvolvement(current, decodeEvent<InvolvementEvent>(stored));
    return { ...next, id: next.ticketId, revision: stored.revision };
  },
};
