import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigError, loadConfig } from '../config/config';

/** Whom and what one of our messages was about: what a reply to it may be filed under. */
export interface MailReference {
  ticketId: string;
  /** The notifications service's recipient key, e.g. `contact:<id>`. */
  recipientKey: string;
}

const MARK = 'hd1';
const DEVELOPMENT_SECRET = 'development-mail-reference-secret-not-for-production';

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const signature = (secret: string, local: string, ref: MailReference) =>
  createHmac('sha256', secret)
    .update(`${local}\n${ref.ticketId}\n${ref.recipientKey}`)
    .digest('base64url')
    .slice(0, 22);

/**
 * Adds a signed reference to ticket and recipient to a Message-ID (`<local@domain>`), so a reply's
 * In-Reply-To/References name the ticket in a way nobody without the secret can forge.
 */
export const signMessageId = (messageId: string, ref: MailReference, secret: string): string => {
  const match = /^<([^@>]+)@([^>]+)>$/.exec(messageId);
  if (!match) throw new Error(`not a Message-ID: ${messageId}`);
  const [, local, domain] = match;
  const tag = `${MARK}.${base64url(ref.ticketId)}.${base64url(ref.recipientKey)}`;
  return `<${local}.${tag}.${signature(secret, local, ref)}@${domain}>`;
};

/** The reference a Message-ID of ours carries, or undefined when it is not ours or was tampered with. */
export const verifyMessageId = (messageId: string, secret: string): MailReference | undefined => {
  const match = new RegExp(`^<?([^@>.]+)\\.${MARK}\\.([\\w-]+)\\.([\\w-]+)\\.([\\w-]{22})@[^>]+>?$`).exec(
    messageId.trim(),
  );
  if (!match) return undefined;
  const [, local, ticket, recipient, given] = match;
  const ref = {
    ticketId: Buffer.from(ticket, 'base64url').toString('utf8'),
    recipientKey: Buffer.from(recipient, 'base64url').toString('utf8'),
  };
  const expected = Buffer.from(signature(secret, local, ref));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? ref : undefined;
};

/** MAIL_REFERENCE_SECRET: required in production, a development secret otherwise. */
export const loadMailReferenceSecret = (
  options: { allowDevelopmentSecret: boolean },
  env: NodeJS.ProcessEnv = process.env,
): string => {
  const { MAIL_REFERENCE_SECRET: secret } = loadConfig(
    {
      MAIL_REFERENCE_SECRET: {
        description:
          'HMAC secret signing the ticket reference in our Message-IDs (replies are matched by it)',
        default: options.allowDevelopmentSecret ? DEVELOPMENT_SECRET : undefined,
        parse: (raw: string) => {
          if (raw.length < 32) throw new Error('expected at least 32 characters');
          return raw;
        },
      },
    },
    env,
  );
  if (!secret) throw new ConfigError(['MAIL_REFERENCE_SECRET is required']);
  return secret;
};
