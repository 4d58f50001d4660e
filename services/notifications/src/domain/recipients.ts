import { addressSubject } from '@helpdesk/contracts';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language when neither the person nor their organisation has one. */
export const DEFAULT_LANGUAGE: Language = 'en';

/** Who a message is for: a contact, an agent, or an address without a person behind it. */
export type Recipient = { contactId: string } | { agentId: string } | { email: string };

export interface DirectoryEntry {
  email: string;
  name: string;
  language?: Language;
}

/**
 * What the contacts service (and, for agents, the identity provider) told us about the
 * people a batch concerns. Inactive contacts are left out by whoever looks them up: they
 * receive nothing.
 */
export interface RecipientDirectory {
  contacts: Readonly<Record<string, DirectoryEntry>>;
  agents?: Readonly<Record<string, DirectoryEntry>>;
  /** The ticket's organisation's language: the fallback for its contacts and bare addresses. */
  organisationLanguage?: Language;
}

/** Where and how to write to a recipient. */
export interface Addressee {
  recipient: Recipient;
  email: string;
  name?: string;
  language: Language;
}

/**
 * Stable across e-mail address changes: a person is keyed by id, a bare address by its hash (the
 * key is written in clear into the delivery log and its dedupe keys: no address may be in it).
 */
export const recipientKey = (recipient: Recipient): string => {
  if ('contactId' in recipient) return `contact:${recipient.contactId}`;
  if ('agentId' in recipient) return `agent:${recipient.agentId}`;
  return `email:${addressSubject(recipient.email).slice('address:'.length)}`;
};

/**
 * The recipient's address and language (their own, else their organisation's, else English);
 * `undefined` when the directory does not know them.
 */
export const addressOf = (recipient: Recipient, directory: RecipientDirectory): Addressee | undefined => {
  if ('email' in recipient) {
    return {
      recipient,
      email: recipient.email,
      language: directory.organisationLanguage ?? DEFAULT_LANGUAGE,
    };
  }
  const entry =
    'contactId' in recipient
      ? directory.contacts[recipient.contactId]
      : directory.agents?.[recipient.agentId];
  if (!entry) return undefined;
  const fallback = 'contactId' in recipient ? directory.organisationLanguage : undefined;
  return {
    recipient,
    email: entry.email,
    name: entry.name,
    language: entry.language ?? fallback ?? DEFAULT_LANGUAGE,
  };
};

/**
 * Addresses each recipient once: the same mailbox reached as a contact and as a bare address
 * (a reporter who also added their own address) gets one message, and the people `excluded`
 * (whoever caused the change) get none, by id or by address.
 */
export const addressAll = (
  recipients: readonly Recipient[],
  directory: RecipientDirectory,
  excluded: readonly Recipient[] = [],
): { addressees: Addressee[]; unknown: Recipient[] } => {
  const excludedKeys = new Set(excluded.map(recipientKey));
  const taken = new Set(
    excluded.flatMap((person) => addressOf(person, directory)?.email.toLowerCase() ?? []),
  );
  const addressees: Addressee[] = [];
  const unknown: Recipient[] = [];
  for (const recipient of recipients) {
    if (excludedKeys.has(recipientKey(recipient))) continue;
    const addressee = addressOf(recipient, directory);
    if (!addressee) {
      unknown.push(recipient);
      continue;
    }
    const mailbox = addressee.email.toLowerCase();
    if (taken.has(mailbox)) continue;
    taken.add(mailbox);
    addressees.push(addressee);
  }
  return { addressees, unknown };
};
