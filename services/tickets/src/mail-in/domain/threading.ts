import type { IncomingMail } from './incoming-mail';

/** Which ticket a mail answers, and how we know. */
export type Thread =
  | { by: 'reference'; ticketId: string; recipientKey: string }
  | { by: 'subject'; number: string }
  | { by: 'none' };

/** Reads a signed reference from one of our Message-IDs; undefined when it is not ours or forged. */
export type VerifyReference = (messageId: string) => { ticketId: string; recipientKey: string } | undefined;

const NUMBER_IN_SUBJECT = /\[(HD-\d{5,})\]/;

/**
 * A reply names our message in In-Reply-To/References, whose signature proves the ticket; only
 * without one does the `[HD-#####]` in the subject count (anyone can type that, so the sender
 * is then held to the same rules: see `decideMail`).
 */
export const threadOf = (mail: IncomingMail, verify: VerifyReference): Thread => {
  const named = [mail.inReplyTo, ...[...mail.references].reverse()].filter((id): id is string => !!id);
  for (const id of named) {
    const ref = verify(id);
    if (ref) return { by: 'reference', ...ref };
  }
  const number = NUMBER_IN_SUBJECT.exec(mail.subject)?.[1];
  return number ? { by: 'subject', number } : { by: 'none' };
};
