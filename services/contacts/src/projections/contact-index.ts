import { decodeEvent, type OrganisationEvent } from '@helpdesk/contracts';
import type { Projection, View } from '@helpdesk/read-models';

/** Which organisation a contact belongs to: `/contacts/{id}` needs no organisation in its path. */
export interface ContactIndexEntry extends View {
  organisationId: string;
}

export const contactIndexProjection: Projection<ContactIndexEntry> = {
  name: 'contact-index',
  documentId: (stored) => {
    if (!stored.streamId.startsWith('organisation-')) return undefined;
    const event = decodeEvent<OrganisationEvent>(stored);
    return event.type === 'ContactAdded' ? event.data.contact.id : undefined;
  },
  evolve: (_current, stored) => {
    // documentId lets only ContactAdded through.
    const { data } = decodeEvent<Extract<OrganisationEvent, { type: 'ContactAdded' }>>(stored);
    return { id: data.contact.id, revision: stored.revision, organisationId: data.organisationId };
  },
};
