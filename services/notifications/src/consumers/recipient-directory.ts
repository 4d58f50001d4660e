import type { Organisation } from '@helpdesk/contracts';
import type { DirectoryEntry, Recipient, RecipientDirectory } from '../domain';

/**
 * The people a decision may write to, as the domain wants them: the organisation's active
 * contacts among `contactIds`, and agents at `<agentId>@<domain>` (the identity provider is not
 * ours to ask; agents read English unless configured otherwise).
 */
export const recipientDirectory = (
  organisation: Organisation,
  contactIds: readonly string[],
  agents: { ids: readonly string[]; emailDomain: string } = { ids: [], emailDomain: '' },
): RecipientDirectory => {
  const contacts: Record<string, DirectoryEntry> = {};
  if (organisation.status !== 'unregistered') {
    for (const id of contactIds) {
      const contact = organisation.contacts[id];
      if (contact?.active)
        contacts[id] = { email: contact.email, name: contact.name, language: contact.language };
    }
  }
  return {
    contacts,
    agents: Object.fromEntries(
      agents.ids.map((id) => [id, { email: `${id}@${agents.emailDomain}`, name: id }]),
    ),
    ...(organisation.status !== 'unregistered' && organisation.language
      ? { organisationLanguage: organisation.language }
      : {}),
  };
};

/**
 * The contacts a decision could not address because this copy of the directory has not heard of
 * them yet (the contacts topic is behind the tickets topic), as opposed to contacts it knows to
 * be inactive, who are rightly not told.
 */
export const contactsNotYetKnown = (organisation: Organisation, unknown: readonly Recipient[]): string[] =>
  unknown.flatMap((recipient) =>
    'contactId' in recipient &&
    (organisation.status === 'unregistered' || !organisation.contacts[recipient.contactId])
      ? [recipient.contactId]
      : [],
  );
