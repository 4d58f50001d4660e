import { decodeMessage, type OrganisationEvent, TOPICS } from '@helpdesk/contracts';
import type { EventSubscriptions } from './event-subscriptions';

/**
 * How a service drops its own copies of an erased person (read-model documents, files): `forget`
 * runs for every ContactErased on helpdesk.contacts.v1, in a consumer group of its own. It must
 * be safe to repeat: a redelivered or replayed erasure runs it again.
 */
export const followContactErasures = (
  subscriptions: EventSubscriptions,
  group: string,
  forget: (contactId: string) => Promise<void>,
) =>
  subscriptions.subscribe({
    group,
    topics: [TOPICS.contacts],
    handler: async ({ event }) => {
      const decoded = decodeMessage<OrganisationEvent>(event);
      if (decoded.type === 'ContactErased') await forget(decoded.data.contactId);
    },
  });
