import { DomainError } from '@helpdesk/decider';
import type { OrganisationCommand } from './organisation.commands';
import type { OrganisationEvent } from './organisation.events';
import { activeAdministrators, type Organisation, type RegisteredOrganisation } from './organisation.state';
import type { Actor, Contact, ContactDetails, OrganisationDetails } from './organisation.types';

type Registered = RegisteredOrganisation;

export const decideOrganisation = (
  command: OrganisationCommand,
  state: Organisation,
): OrganisationEvent[] => {
  if (command.type === 'RegisterOrganisation') return register(command, state);
  // Another organisation's customers learn nothing of it, not even that it exists.
  if (state.status === 'unregistered' || !canSee(command.actor, state)) {
    throw new DomainError('not_found', 'organisation_not_found', 'There is no such organisation.');
  }
  const by = { organisationId: state.id, by: command.actor.id, at: command.at };
  const agentOnly = () => requireAgent(command.actor, command.type);
  switch (command.type) {
    case 'ChangeOrganisationDetails': {
      // A field given as null is a field not given, as for contacts.
      const given = definedOnly(command.data.changes);
      // The contract (SLA policy, calendar) is the vendor's to change; the rest the customer may keep up to date.
      if (given.slaPolicy !== undefined || given.calendar !== undefined) agentOnly();
      else requireMaintainer(command.actor, state);
      validateOrganisation(given);
      const changes = changed(state, given);
      return Object.keys(changes).length
        ? [{ type: 'OrganisationDetailsChanged', data: { ...by, changes } }]
        : [];
    }
    case 'DeactivateOrganisation':
      agentOnly();
      return state.status === 'inactive'
        ? []
        : [{ type: 'OrganisationDeactivated', data: { ...by, reason: command.data.reason } }];
    case 'ReactivateOrganisation':
      agentOnly();
      return state.status === 'active' ? [] : [{ type: 'OrganisationReactivated', data: by }];
  }
  if (command.type === 'EraseContact' && command.data.byRetention) return eraseByRetention(command, state);
  requireMaintainer(command.actor, state);
  // A person may be forgotten whatever the state of their organisation's contract.
  if (command.type === 'EraseContact') return erase(command, state);
  if (state.status === 'inactive') {
    throw new DomainError(
      'illegal_transition',
      'organisation_inactive',
      `${state.name} is inactive; reactivate it first.`,
    );
  }
  if (command.type === 'AddContact') {
    const { contactId, role, authorised, ...details } = command.data;
    if (state.contacts[contactId])
      throw new DomainError('conflict', 'contact_exists', 'This contact already exists.');
    const normalised = validateContact(details);
    requireUniqueEmail(state, normalised.email);
    const contact: Contact = { id: contactId, ...normalised, role, authorised, active: true };
    return [{ type: 'ContactAdded', data: { ...by, contact } }];
  }

  const contact = contactToChange(state, command.data.contactId);
  const about = { ...by, contactId: contact.id };
  switch (command.type) {
    case 'ChangeContactDetails': {
      // A field given as undefined (or null) is a field not given: it must not blank the contact's value.
      const given = definedOnly(command.data.changes);
      const next = validateContact({ ...contact, ...given });
      if (next.email !== contact.email && contact.active) requireUniqueEmail(state, next.email);
      const changes = changed(contact, { ...given, ...(given.email ? { email: next.email } : {}) });
      return Object.keys(changes).length
        ? [{ type: 'ContactDetailsChanged', data: { ...about, changes } }]
        : [];
    }
    case 'ChangeContactRole':
      if (contact.role === command.data.role) return [];
      if (contact.role === 'customer_admin') keepAnAdministrator(state, contact, 'change the role of');
      return [{ type: 'ContactRoleChanged', data: { ...about, role: command.data.role } }];
    case 'AuthoriseContact':
      if (!contact.active) {
        throw new DomainError(
          'illegal_transition',
          'contact_inactive',
          `${contact.name} is inactive; reactivate them before authorising.`,
        );
      }
      return contact.authorised ? [] : [{ type: 'ContactAuthorised', data: about }];
    case 'RevokeAuthorisation':
      return contact.authorised
        ? [{ type: 'ContactAuthorisationRevoked', data: { ...about, reason: command.data.reason } }]
        : [];
    case 'DeactivateContact':
      if (!contact.active) return [];
      if (contact.role === 'customer_admin') keepAnAdministrator(state, contact, 'deactivate');
      return [
        ...(contact.authorised
          ? [{ type: 'ContactAuthorisationRevoked' as const, data: { ...about, reason: 'deactivated' } }]
          : []),
        { type: 'ContactDeactivated', data: about },
      ];
    case 'ReactivateContact':
      if (contact.active) return [];
      requireUniqueEmail(state, contact.email);
      return [{ type: 'ContactReactivated', data: about }];
  }
};

const contactToChange = (state: Registered, contactId: string) => {
  const contact = state.contacts[contactId];
  if (!contact) throw new DomainError('not_found', 'contact_not_found', `${state.name} has no such contact.`);
  if (contact.erased) {
    throw new DomainError(
      'illegal_transition',
      'contact_erased',
      'This contact was erased: nothing about them can be recorded any more.',
    );
  }
  return contact;
};

/**
 * Records the erasure (who, when, why; nothing personal). Erasing twice records nothing, so a
 * repeated request only finishes what an interrupted one began (the key is shredded after this).
 */
const erase = (
  command: Extract<OrganisationCommand, { type: 'EraseContact' }>,
  state: Registered,
): OrganisationEvent[] => {
  const contact = state.contacts[command.data.contactId];
  if (!contact) throw new DomainError('not_found', 'contact_not_found', `${state.name} has no such contact.`);
  if (contact.erased) return [];
  const reason = command.data.reason.trim();
  if (!reason) throw new DomainError('invalid', 'reason_required', 'An erasure needs its reason.');
  if (contact.active && contact.role === 'customer_admin') keepAnAdministrator(state, contact, 'erase');
  return [
    {
      type: 'ContactErased',
      data: { organisationId: state.id, by: command.actor.id, at: command.at, contactId: contact.id, reason },
    },
  ];
};

/**
 * Retention erases as the system, and only someone who is no longer a contact: checked here, on the
 * state the erasure is appended to, so a contact reactivated since the sweep looked stays.
 */
const eraseByRetention = (
  command: Extract<OrganisationCommand, { type: 'EraseContact' }>,
  state: Registered,
): OrganisationEvent[] => {
  if (command.actor.role !== 'system') {
    throw new DomainError('forbidden', 'system_only', 'Only the retention sweep erases by retention.');
  }
  const contact = state.contacts[command.data.contactId];
  if (contact?.active) {
    throw new DomainError(
      'illegal_transition',
      'contact_active',
      'This contact is active again: retention erases only people who are no longer contacts.',
    );
  }
  return erase(command, state);
};

const register = (
  command: Extract<OrganisationCommand, { type: 'RegisterOrganisation' }>,
  state: Organisation,
): OrganisationEvent[] => {
  requireAgent(command.actor, command.type);
  if (state.status !== 'unregistered') {
    throw new DomainError('conflict', 'organisation_exists', 'This organisation is already registered.');
  }
  const { organisationId, administrator, ...details } = command.data;
  validateOrganisation(details);
  const { contactId, ...adminDetails } = administrator;
  const by = { organisationId, by: command.actor.id, at: command.at };
  // Registered together with its first administrator: an organisation never lacks one.
  const admin: Contact = {
    id: contactId,
    ...validateContact(adminDetails),
    role: 'customer_admin',
    authorised: true,
    active: true,
  };
  return [
    { type: 'OrganisationRegistered', data: { ...by, ...details, name: details.name.trim() } },
    { type: 'ContactAdded', data: { ...by, contact: admin } },
  ];
};

/** The vendor's agents see every organisation; a customer only their own. */
export const canSee = (actor: Actor, organisation: RegisteredOrganisation) =>
  actor.role === 'agent' || actor.role === 'system' || actor.organisationId === organisation.id;

const requireAgent = (actor: Actor, what: string) => {
  if (actor.role !== 'agent') {
    throw new DomainError(
      'forbidden',
      'agents_only',
      `Only the vendor's support agents may ${humanise(what)}.`,
    );
  }
};

/** Agents maintain every organisation; a customer administrator only their own. */
const requireMaintainer = (actor: Actor, state: Registered) => {
  if (actor.role === 'agent') return;
  if (actor.role === 'customer_admin' && actor.organisationId === state.id) return;
  throw new DomainError(
    'forbidden',
    'not_a_maintainer',
    `Only ${state.name}'s administrators or the vendor's support agents may change its details and contacts.`,
    { administrators: activeAdministrators(state).map(({ id, name, email }) => ({ id, name, email })) },
  );
};

const keepAnAdministrator = (state: Registered, contact: Contact, verb: string) => {
  if (activeAdministrators(state).some((admin) => admin.id !== contact.id)) return;
  throw new DomainError(
    'illegal_transition',
    'last_administrator',
    `${state.name} must keep at least one active administrator: make another contact administrator before you ${verb} ${contact.name}.`,
  );
};

const requireUniqueEmail = (state: Registered, email: string) => {
  const holder = Object.values(state.contacts).find((c) => c.active && c.email === email);
  if (holder) {
    throw new DomainError(
      'conflict',
      'email_in_use',
      `${email} already belongs to the active contact ${holder.name}.`,
    );
  }
};

const LANGUAGES: readonly string[] = ['nl', 'en'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const validateContact = (details: ContactDetails): ContactDetails => {
  const email = details.email.trim().toLowerCase();
  if (!EMAIL.test(email))
    throw new DomainError('invalid', 'invalid_email', `${details.email} is not an e-mail address.`);
  if (!details.name.trim()) throw new DomainError('invalid', 'name_required', 'A contact needs a name.');
  if (!LANGUAGES.includes(details.language)) {
    throw invalidDetail('language', 'unsupported_language', 'The language must be nl or en.');
  }
  return { ...details, name: details.name.trim(), email };
};

const validateOrganisation = (details: Partial<OrganisationDetails>) => {
  if (details.name !== undefined && !details.name.trim()) {
    throw invalidDetail('name', 'name_required', 'An organisation needs a name.');
  }
  if (details.language !== undefined && !LANGUAGES.includes(details.language)) {
    throw invalidDetail('language', 'unsupported_language', 'The language must be nl or en.');
  }
  if (details.timeZone !== undefined && !isTimeZone(details.timeZone)) {
    throw invalidDetail('timeZone', 'unknown_time_zone', `${details.timeZone} is not an IANA time zone.`);
  }
};

/** A refused detail names its field, so a form can mark the one to correct. */
const invalidDetail = (field: string, code: string, reason: string) =>
  new DomainError('invalid', code, reason, { errors: [{ field, reason }] });

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const definedOnly = <T extends object>(changes: Partial<T>): Partial<T> =>
  Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined && value !== null),
  ) as Partial<T>;

/** Only the fields whose value really changes: a no-op edit records nothing. */
const changed = <T extends object>(current: T, changes: Partial<T>): Partial<T> =>
  Object.fromEntries(
    Object.entries(changes).filter(
      ([key, value]) => value !== undefined && value !== null && current[key as keyof T] !== value,
    ),
  ) as Partial<T>;

const humanise = (commandType: string) => commandType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
