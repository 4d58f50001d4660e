import type { OrganisationEvent } from './contact-events';
import type { Contact, OrganisationDetails } from './contact-events';

/**
 * An organisation and its contacts as its events say: the contacts service decides with it,
 * and every subscriber (who may file tickets, whom to mail in which language, which SLA
 * policy applies) folds the same events with the same function, so none can disagree.
 */
export type Organisation =
  | { status: 'unregistered' }
  | (OrganisationDetails & { status: 'active' | 'inactive'; id: string; contacts: Record<string, Contact> });

export type RegisteredOrganisation = Exclude<Organisation, { status: 'unregistered' }>;

export const initialOrganisation: Organisation = { status: 'unregistered' };

export const evolveOrganisation = (state: Organisation, event: OrganisationEvent): Organisation => {
  if (event.type === 'OrganisationRegistered') {
    const { organisationId, by: _by, at: _at, ...details } = event.data;
    return { status: 'active', id: organisationId, contacts: {}, ...details };
  }
  if (state.status === 'unregistered') return state;
  const contact = (id: string, change: Partial<Contact>) => ({
    ...state,
    contacts: { ...state.contacts, [id]: { ...state.contacts[id], ...change } },
  });
  switch (event.type) {
    case 'OrganisationDetailsChanged':
      return { ...state, ...event.data.changes };
    case 'OrganisationDeactivated':
      return { ...state, status: 'inactive' };
    case 'OrganisationReactivated':
      return { ...state, status: 'active' };
    case 'ContactAdded':
      return { ...state, contacts: { ...state.contacts, [event.data.contact.id]: event.data.contact } };
    case 'ContactDetailsChanged':
      return contact(event.data.contactId, event.data.changes);
    case 'ContactRoleChanged':
      return contact(event.data.contactId, { role: event.data.role });
    case 'ContactAuthorised':
      return contact(event.data.contactId, { authorised: true });
    case 'ContactAuthorisationRevoked':
      return contact(event.data.contactId, { authorised: false });
    case 'ContactDeactivated':
      return contact(event.data.contactId, { active: false, authorised: false });
    case 'ContactReactivated':
      return contact(event.data.contactId, { active: true });
    case 'ContactErased':
      return contact(event.data.contactId, erasedContact);
  }
};

/** How an erased contact is shown everywhere: no name, e-mail or phone; no longer active or authorised. */
export const ERASED_CONTACT_NAME = 'erased contact';
const erasedContact: Partial<Contact> = {
  name: ERASED_CONTACT_NAME,
  email: '',
  phone: undefined,
  active: false,
  authorised: false,
  erased: true,
};

export const activeAdministrators = (state: Organisation) =>
  state.status === 'unregistered'
    ? []
    : Object.values(state.contacts).filter((c) => c.active && c.role === 'customer_admin');
