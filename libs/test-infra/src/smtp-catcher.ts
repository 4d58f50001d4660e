import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the mail server received it, with the headers the tests look at. */
export interface ReceivedMail {
  envelopeTo: string[];
  messageId: string;
  subject: string;
  references: string;
  raw: string;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps what it receives, and
 * can be told to refuse: for a while (421, try later) or a recipient for good (550).
 */
export interface SmtpCatcher {
  url: string;
  received: ReceivedMail[];
  /** Answer 421 to the next `count` messages. */
  refuseNext(count: number): void;
  /** Answer 550 to every message for this address. */
  rejectRecipient(email: string): void;
  /** Take this long to accept each message, as a busy server would. */
  slowDown(ms: number): void;
  /** Messages answered with 421 so far. */
  readonly refused: number;
  close(): Promise<void>;
}

export interface SmtpCatcherOptions {
  /** A port of 127.0.0.1 (a free one by default). */
  port?: number;
  /** Told of each message it accepts, e.g. to keep it as a file (the local stack's catcher). */
  onReceived?: (mail: ReceivedMail) => void;
}

export const startSmtpCatcher = async ({
  port: wanted = 0,
  onReceived,
}: SmtpCatcherOptions = {}): Promise<SmtpCatcher> => {
  const received: ReceivedMail[] = [];
  const rejected = new Set<string>();
  let toRefuse = 0;
  let refused = 0;
  let delayMs = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (rejected.has(address.address.toLowerCase()))
        return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (toRefuse > 0) {
          toRefuse--;
          refused++;
          return callback(Object.assign(new Error('Try again later'), { responseCode: 421 }));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const headers = parseHeaders(raw);
        const mail: ReceivedMail = {
          envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          messageId: headers.get('message-id') ?? '',
          subject: decodeWords(headers.get('subject') ?? ''),
          references: headers.get('references') ?? '',
          raw,
        };
        received.push(mail);
        onReceived?.(mail);
        setTimeout(() => callback(), delayMs);
      });
    },
  });
  // A sender killed mid-session (kill -9 of notifications) resets its connection; smtp-server
  // reports that on the server, which without a listener would end the whole catcher.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(wanted, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext: (count) => (toRefuse = count),
    rejectRecipient: (email) => rejected.add(email.toLowerCase()),
    slowDown: (ms) => (delayMs = ms),
    get refused() {
      return refused;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** The header block, folded lines unfolded, names lower-cased. */
export const parseHeaders = (raw: string) => {
  const block = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
};

/** RFC 2047 encoded words (=?UTF-8?Q?...?= / =?UTF-8?B?...?=), as nodemailer writes non-ASCII subjects. */
export const decodeWords = (value: string) =>
  value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
