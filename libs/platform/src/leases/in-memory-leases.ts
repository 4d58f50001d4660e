import { newHolderId } from './holder-id';
import type { Leases } from './lease';

/** The leases of holders that share one process's memory: name -> holder and expiry. */
export type LeaseTable = Map<string, { holder: string; expiresAt: number }>;

/**
 * Leases in memory. Standalone runs one process, so its only holder always gets the lease; the
 * table can be shared between several holders in one process, which is how the timing of
 * runUnderLease is tested without a server.
 */
export class InMemoryLeases implements Leases {
  constructor(
    private readonly table: LeaseTable = new Map(),
    readonly holderId: string = newHolderId(),
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(name: string, ttlMs: number) {
    const current = this.table.get(name);
    if (current && current.holder !== this.holderId && current.expiresAt > this.now()) return false;
    this.table.set(name, { holder: this.holderId, expiresAt: this.now() + ttlMs });
    return true;
  }

  async renew(name: string, ttlMs: number) {
    const current = this.table.get(name);
    if (current?.holder !== this.holderId) return false;
    current.expiresAt = this.now() + ttlMs;
    return true;
  }

  async release(name: string) {
    if (this.table.get(name)?.holder === this.holderId) this.table.delete(name);
  }

  async close() {
    for (const [name, { holder }] of this.table) if (holder === this.holderId) this.table.delete(name);
  }
}
