import { randomUUID } from 'node:crypto';
import { Client, type Pool } from 'pg';

/** The channel every store on a database announces its appends on. */
const CHANNEL = 'helpdesk_event_store_appends';
/** However many appends a process makes, it announces them at most this often. */
const ANNOUNCE_GAP_MS = 5;
/** After the listening connection fails, the wait before it connects again (polling covers the gap). */
const RECONNECT_MS = 1000;

/**
 * Followers in one process hear of another process's appends at once instead of at their next
 * poll: after appending, a store sends a NOTIFY (coalesced, at most one per ANNOUNCE_GAP_MS and
 * one in flight, in a transaction of its own so appends never wait on NOTIFY's commit lock),
 * and listens on a connection of its own outside the pool. A notification only wakes followers,
 * who then read as they always do: one lost while the listener reconnects costs a poll interval,
 * never an event. Its own announcements it ignores: its followers were woken by the append.
 */
export class AppendAnnouncements {
  private readonly sender = randomUUID();
  private announcing = false;
  private pending = false;
  private listener: Client | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly onOthersAppended: () => void,
  ) {}

  /** Listens from now on; resolves once the first connection listens (or has failed and will retry). */
  async start() {
    await this.listen();
  }

  announce() {
    if (this.closed) return;
    if (this.announcing) {
      this.pending = true;
      return;
    }
    this.announcing = true;
    this.pool
      .query('select pg_notify($1, $2)', [CHANNEL, this.sender])
      .catch(() => undefined) // followers elsewhere poll: a lost announcement costs them one interval
      .finally(() =>
        setTimeout(() => {
          this.announcing = false;
          if (this.pending) {
            this.pending = false;
            this.announce();
          }
        }, ANNOUNCE_GAP_MS).unref(),
      );
  }

  async close() {
    this.closed = true;
    clearTimeout(this.reconnect);
    await this.listener?.end().catch(() => undefined);
  }

  private async listen() {
    if (this.closed) return;
    const client = new Client(this.pool.options);
    this.listener = client;
    const retry = () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      if (!this.closed) this.reconnect = setTimeout(() => void this.listen(), RECONNECT_MS).unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', ({ channel, payload }) => {
      if (channel === CHANNEL && payload !== this.sender) this.onOthersAppended();
    });
    try {
      await client.connect();
      await client.query(`listen ${CHANNEL}`);
      // Appends made before this connection listened went unheard: let the followers look.
      this.onOthersAppended();
    } catch {
      retry();
    }
  }
}
