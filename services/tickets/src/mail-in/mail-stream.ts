import { createHash } from 'node:crypto';

/** A received mail's id: a hash of its Message-ID (or of its bytes, when it has none we can read). */
export const mailIdOf = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 32);

/** The mail log's stream of one mail. The ticket commands a mail issues carry its id as causation id. */
export const mailStream = (mailId: string) => `mail-${mailId}`;
