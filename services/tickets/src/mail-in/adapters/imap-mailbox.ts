import { ImapFlow } from 'imapflow';

export interface ImapMailboxOptions {
  url: URL;
  receive: (raw: Buffer) => Promise<unknown>;
  log: (message: string) => void;
  error: (message: string) => void;
  /** Looked at this often besides when the server tells of new mail (IDLE). */
  pollMs: number;
}

const RETRY_MAX_MS = 30_000;

/**
 * The mailbox the desk reads. imapflow does not reconnect by itself, so this does, with back-off.
 * Unseen messages are received one by one and marked \Seen only after `receive` returned: a
 * crash in between leaves the message unseen, to be received again (which files nothing twice).
 */
export class ImapMailbox {
  private client?: ImapFlow;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private loop?: Promise<void>;

  constructor(private readonly options: ImapMailboxOptions) {}

  start() {
    this.loop = this.connectForever();
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    await this.client?.logout().catch(() => undefined);
    await this.loop;
  }

  private async connectForever() {
    let delay = 500;
    while (!this.stopped) {
      try {
        await this.session();
        delay = 500;
      } catch (error) {
        if (this.stopped) return;
        this.options.error(
          `IMAP ${this.options.url.host}: ${(error as Error).message}; again in ${delay} ms`,
        );
      }
      if (this.stopped) return;
      await new Promise((resolve) => (this.timer = setTimeout(resolve, delay)));
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  }

  /** One connection: read what is unseen, then whenever the server says more came; ends when it closes. */
  private async session() {
    const { hostname, port, username, password, protocol, pathname } = this.options.url;
    const client = new ImapFlow({
      host: hostname,
      port: Number(port) || (protocol === 'imaps:' ? 993 : 143),
      secure: protocol === 'imaps:',
      auth: { user: decodeURIComponent(username), pass: decodeURIComponent(password) },
      logger: false,
    });
    this.client = client;
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.on('error', (error: Error) => this.options.error(`IMAP: ${error.message}`));
    await client.connect();
    await client.mailboxOpen(decodeURIComponent(pathname.replace(/^\//, '')) || 'INBOX');
    this.options.log(`reading ${this.options.url.host}${pathname}`);
    const take = () => {
      this.running ??= this.takeUnseen(client).finally(() => (this.running = undefined));
      return this.running;
    };
    client.on('exists', () => void take().catch((e: Error) => this.options.error(`IMAP: ${e.message}`)));
    const poll = setInterval(() => void take().catch(() => undefined), this.options.pollMs);
    try {
      await take();
      await closed;
    } finally {
      clearInterval(poll);
    }
  }

  private async takeUnseen(client: ImapFlow) {
    const uids = (await client.search({ seen: false }, { uid: true })) || [];
    for (const uid of uids) {
      if (this.stopped) return;
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (!message || !message.source) continue;
      await this.options.receive(message.source);
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
  }
}
