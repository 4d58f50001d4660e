import { decodeEvent, type OrganisationEvent } from '@helpdesk/contracts';
import type { Projection, View } from '@helpdesk/read-models';
import type { RetainedContact } from '../domain';

/** Each contact's standing for retention: ids, flags and when they were deactivated; nothing personal. */
export interface ContactLifecycle extends View, RetainedContact {
  organisationId: string;
}

type LifecycleEvent = Extract<
  OrganisationEvent,
  { type: 'ContactAdded' | 'ContactDeactivated' | 'ContactReactivated' | 'ContactErased' }
>;
const LIFECYCLE_EVENTS: ReadonlySet<string> = new Set<LifecycleEvent['type']>([
  'ContactAdded',
  'ContactDeactivated',
  'ContactReactivated',
  'ContactErased',
]);

export const contactLifecycleProjection: Projection<ContactLifecycle> = {
  name: 'contact-lifecycle',
  documentId: (stored) => {
    if (!stored.streamId.startsWith('organisation-') || !LIFECYCLE_EVENTS.has(stored.type)) return undefined;
    const event = decodeEvent<LifecycleEvent>(stored);
    return event.type === 'ContactAdded' ? event.data.contact.id : event.data.contactId;
  },
  evolve: (current, stored) => {
    const event = decodeEvent<LifecycleEvent>(stored);
    const revision = stored.revision;
    switch (event.type) {
      case 'ContactAdded':
        return {
          id: event.data.contact.id,
          revision,
          organisationId: event.data.organisationId,
          active: true,
          erased: false,
        };
      case 'ContactDeactivated':
        return { ...current!, revision, active: false, deactivatedAt: event.data.at };
      case 'ContactReactivated': {
        const { deactivatedAt: _deactivatedAt, ...reactivated } = current!;
        return { ...reactivated, revision, active: true };
      }
      case 'ContactErased':
        return { ...current!, revision, active: false, erased: true };
    }
  },
};
