import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWords, parseHeaders, type ReceivedMail } from '../../../libs/test-infra/src/smtp-catcher';

/** A message the stack's SMTP catcher kept, as `stack:mail` lists it. */
export interface KeptMail {
  file: string;
  /** Whom the SMTP envelope named (RCPT TO), which the headers alone may not show. */
  envelopeTo: string[];
  messageId: string;
  subject: string;
  receivedAt: string;
}

const ENVELOPE_HEADER = 'X-Envelope-To';

/**
 * Keeps a received message as an .eml file a mail client opens, with the envelope's recipients
 * in a header of their own; names sort in arrival order.
 */
export const keepMail = (dir: string, sequence: number, mail: ReceivedMail) => {
  mkdirSync(dir, { recursive: true });
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(sequence).padStart(6, '0')}.eml`;
  writeFileSync(join(dir, name), `${ENVELOPE_HEADER}: ${mail.envelopeTo.join(', ')}\r\n${mail.raw}`);
  return name;
};

export const listMails = (dir: string): KeptMail[] => {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => {
      const headers = parseHeaders(readFileSync(join(dir, name), 'utf8'));
      return {
        file: join(dir, name),
        envelopeTo: (headers.get(ENVELOPE_HEADER.toLowerCase()) ?? '').split(/,\s*/).filter(Boolean),
        messageId: headers.get('message-id') ?? '',
        subject: decodeWords(headers.get('subject') ?? ''),
        receivedAt: name.slice(0, 24),
      };
    });
};

/** (Message-ID, recipient) pairs kept more than once: a mail someone got twice. */
export const mailsTwice = (mails: KeptMail[]) => {
  const seen = new Map<string, number>();
  for (const mail of mails)
    for (const to of mail.envelopeTo)
      seen.set(`${mail.messageId} ${to}`, (seen.get(`${mail.messageId} ${to}`) ?? 0) + 1);
  return [...seen].filter(([, count]) => count > 1).map(([pair, count]) => ({ pair, count }));
};
