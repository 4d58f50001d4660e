import type { OrganisationEvent } from '@helpdesk/contracts';
import type { Projection, View } from '@helpdesk/read-models';

/** Which organisation a contact belongs to: `/contacts/{id}` needs no organisation in its path. */
export interface ContactIndexEntry extends View {
  organisationId: string;
}

export const contactIndexProjection: Projection<ContactIndexEntry> = {
  name: 'contact-index',
  documentId: (stored) => {
    if (!stored.streamId.startsWith('organisation-')) return undefined;
    const event = { type: stored.type, data: stored.data } as OrganisationEvent;
    return event.type === 'ContactAdded' ? event.data.contact.id : undefined;
  },
  evolve: (_current, stored) => ({
    id: (stored.data as { contact: { id: string } }).contact.id,
    revision: stored.revision,
    organisationId: (stored.data as { organisationId: string }).organisationId,
  }),
};
