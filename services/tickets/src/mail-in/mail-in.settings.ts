import { loadConfig, loadMailReferenceSecret, parse } from '@helpdesk/platform';

export const MAIL_IN_SETTINGS = Symbol('MAIL_IN_SETTINGS');

export interface MailInSettings {
  /** The support addresses: the SMTP listener accepts mail for these only; mail from them is ours. */
  addresses: string[];
  maxBytes: number;
  maxRecipients: number;
  maxTicketsPerHour: number;
  referenceSecret: string;
  /** Standalone: `.eml` files dropped into DATA_DIR/inbox are read every this many ms. */
  inboxPollMs: number;
  /** imap(s)://user:password@host:port/Mailbox, or none. */
  imapUrl?: URL;
  /** The inbound SMTP listener, or none. */
  smtp?: { host: string; port: number };
}

const addressList = (raw: string) => {
  const list = raw.split(',').map((a) => a.trim().toLowerCase());
  if (list.some((a) => !/^[^@\s]+@[^@\s]+$/.test(a)))
    throw new Error('expected e-mail addresses, comma separated');
  return list;
};

export const loadMailInSettings = (env: NodeJS.ProcessEnv = process.env): MailInSettings => {
  const config = loadConfig(
    {
      MAIL_IN_ADDRESSES: {
        description: 'the support addresses mail is received for, comma separated',
        default: 'support@vendor.example',
        parse: addressList,
      },
      MAIL_IN_MAX_BYTES: {
        description: 'the largest mail taken',
        default: String(30 * 1024 * 1024),
        parse: parse.positiveInt,
      },
      MAIL_IN_MAX_RECIPIENTS: {
        description: 'at most this many To/Cc/Bcc addresses',
        default: '100',
        parse: parse.positiveInt,
      },
      MAIL_IN_TICKETS_PER_HOUR: {
        description: 'new tickets by mail one sender may file per hour',
        default: '10',
        parse: parse.positiveInt,
      },
      MAIL_IN_INBOX_POLL_MS: {
        description: 'how often DATA_DIR/inbox is read',
        default: '2000',
        parse: parse.positiveInt,
      },
      IMAP_URL: {
        description: 'the mailbox the desk reads, imap://user:password@host:port/INBOX (none: no IMAP)',
        default: '',
        parse: (raw: string) => (raw ? parse.url('imap', 'imaps')(raw) : undefined),
      },
      MAIL_IN_SMTP_PORT: {
        description: 'the inbound SMTP listener’s port (none: no listener)',
        default: '',
        parse: (raw: string) => (raw ? parse.port(raw) : undefined),
      },
      MAIL_IN_SMTP_HOST: {
        description: 'where the inbound SMTP listener listens',
        default: '127.0.0.1',
        parse: parse.string,
      },
    },
    env,
  );
  return {
    addresses: config.MAIL_IN_ADDRESSES,
    maxBytes: config.MAIL_IN_MAX_BYTES,
    maxRecipients: config.MAIL_IN_MAX_RECIPIENTS,
    maxTicketsPerHour: config.MAIL_IN_TICKETS_PER_HOUR,
    inboxPollMs: config.MAIL_IN_INBOX_POLL_MS,
    referenceSecret: loadMailReferenceSecret({ allowDevelopmentSecret: env.NODE_ENV !== 'production' }, env),
    imapUrl: config.IMAP_URL ? new URL(config.IMAP_URL) : undefined,
    smtp:
      config.MAIL_IN_SMTP_PORT === undefined
        ? undefined
        : { host: config.MAIL_IN_SMTP_HOST, port: config.MAIL_IN_SMTP_PORT },
  };
};
