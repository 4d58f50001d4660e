import { Client } from 'pg';
import { newHolderId } from './holder-id';
import type { Leases } from './lease';

/** The 64-bit advisory lock key of a lease name; pg_locks shows it split into classid (high) and objid (low). */
const KEY = 'hashtextextended($1, 0)';

/**
 * Leases as PostgreSQL session advisory locks, all held on one dedicated connection of this
 * process. Chosen over a lease row because the server frees the lock the moment the holder's
 * connection ends: a process killed with -9 closes its socket, its backend ends and a standby
 * takes over at its next attempt, without waiting out a TTL and without trusting any clock. A
 * holder whose host vanishes without closing the socket is found by TCP keepalives, set on the
 * session to about the TTL. Renewal asks pg_locks whether this session still has the lock, so a
 * terminated backend or a broken connection is a lost lease, and the work stops; the next
 * acquisition opens a new connection.
 */
export class PostgresAdvisoryLeases implements Leases {
  readonly holderId = newHolderId();
  private client?: Promise<Client>;

  constructor(
    private readonly url: string,
    private readonly ttlMs: number,
  ) {}

  async acquire(name: string, ttlMs: number) {
    if (await this.renew(name, ttlMs)) return true;
    const { rows } = await this.query<{ taken: boolean }>(`select pg_try_advisory_lock(${KEY}) as taken`, [
      name,
    ]);
    return rows[0].taken;
  }

  async renew(name: string, _ttlMs: number) {
    if (!this.client) return false;
    const { rows } = await this.query<{ held: boolean }>(
      `select exists (
         select 1 from pg_locks
          where locktype = 'advisory' and granted and objsubid = 1 and pid = pg_backend_pid()
            and ((classid::bigint << 32) | objid::bigint) = ${KEY}
       ) as held`,
      [name],
    );
    return rows[0].held;
  }

  async release(name: string) {
    if (!this.client) return;
    await this.query(`select pg_advisory_unlock(${KEY})`, [name]);
  }

  async close() {
    const client = this.client;
    this.client = undefined;
    await (await client?.catch(() => undefined))?.end();
  }

  private async query<R extends object>(text: string, values: unknown[]) {
    const client = await this.connection();
    try {
      return await client.query<R>(text, values);
    } catch (error) {
      // A failed query on the lock connection may leave its locks in any state: start afresh.
      void this.drop(client);
      throw error;
    }
  }

  private connection() {
    if (!this.client) {
      const seconds = Math.max(1, Math.round(this.ttlMs / 3000));
      const client = new Client({
        connectionString: this.url,
        application_name: `helpdesk-leases ${this.holderId}`.slice(0, 63),
        connectionTimeoutMillis: this.ttlMs,
        query_timeout: this.ttlMs,
        keepAlive: true,
        // The server notices a vanished holder within about the TTL, and frees its locks.
        options: `-c tcp_keepalives_idle=${seconds} -c tcp_keepalives_interval=1 -c tcp_keepalives_count=${seconds}`,
      });
      client.on('error', () => void this.drop(client));
      client.on('end', () => void this.drop(client));
      this.client = client.connect().then(
        () => client,
        (error: unknown) => {
          this.client = undefined;
          throw error;
        },
      );
    }
    return this.client;
  }

  private async drop(client: Client) {
    if (this.client && (await this.client.catch(() => undefined)) === client) this.client = undefined;
    await client.end().catch(() => undefined);
  }
}
