import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface SmtpListenerOptions {
  host: string;
  port: number;
  /** Mail is accepted for these addresses only: the desk is nobody's open relay. */
  addresses: readonly string[];
  maxBytes: number;
  maxRecipients: number;
  receive: (raw: Buffer) => Promise<unknown>;
  /** A message refused with 552 (too large): recorded, though its content is not kept. */
  tooLarge: (refused: { from: string; size: number }) => Promise<unknown>;
  onError: (error: unknown) => void;
}

const reply = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/**
 * The inbound SMTP listener the mail exchanger (or a relay) forwards to. A message is answered
 * 250 only once it is filed; anything that went wrong on our side answers 451, so the sending
 * server keeps it and tries again later (receiving it again files nothing twice).
 */
export const startSmtpListener = async (options: SmtpListenerOptions) => {
  const addresses = new Set(options.addresses.map((a) => a.toLowerCase()));
  const server = new SMTPServer({
    name: 'helpdesk',
    banner: 'helpdesk mail in',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    // The limit is ours to check (below), so a mail refused for its size is always in the mail log:
    // smtp-server would refuse a declared SIZE before any handler hears of it.
    hideSize: true,
    logger: false,
    onMailFrom(address, _session, callback) {
      const args = address.args as Record<string, string> | false;
      const declared = Number((args && args.SIZE) || 0);
      if (declared <= options.maxBytes) return callback();
      options.tooLarge({ from: address.address.toLowerCase(), size: declared }).catch(options.onError);
      callback(reply(552, `5.3.4 Message larger than ${options.maxBytes} bytes`));
    },
    onRcptTo(address, session, callback) {
      if (!addresses.has(address.address.toLowerCase()))
        return callback(reply(550, `5.1.1 ${address.address}: we take mail for the support desk only`));
      if (session.envelope.rcptTo.length >= options.maxRecipients)
        return callback(reply(452, '4.5.3 Too many recipients'));
      callback();
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit the rest is only counted: a 50 MB mail is not held in memory to be refused.
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > options.maxBytes) {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '';
          options.tooLarge({ from, size }).catch(options.onError);
          return callback(reply(552, `5.3.4 Message larger than ${options.maxBytes} bytes`));
        }
        options.receive(Buffer.concat(chunks)).then(
          () => callback(),
          (error) => {
            options.onError(error);
            callback(reply(451, '4.3.0 Temporary failure filing the message, try again later'));
          },
        );
      });
    },
  });
  server.on('error', options.onError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
