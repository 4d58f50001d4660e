import type { Connection } from 'mongoose';
import { newHolderId } from './holder-id';
import type { Leases } from './lease';

interface LeaseDocument {
  _id: string;
  holder: string;
  expiresAt: Date;
}

const DUPLICATE_KEY = 11000;

/**
 * Leases as documents `{ _id: name, holder, expiresAt }` in the read store's database: the
 * equivalent of the PostgreSQL lock for deployments on EventStoreDB, whose read store is
 * MongoDB. One conditional findOneAndUpdate with upsert takes a lease: it matches only a
 * document that is ours or expired, and when another holder's live document exists the upsert's
 * insert collides on `_id` — either way one writer wins, atomically, in the subset FerretDB 1.24
 * supports. A holder killed with -9 renews no more: its lease is free once it expires. Expiry is
 * judged by the clocks of the replicas, so they must agree to well within the TTL (NTP does).
 */
export class MongoLeases implements Leases {
  readonly holderId = newHolderId();

  constructor(
    private readonly connection: Connection,
    private readonly collectionName = 'leases',
  ) {}

  private get leases() {
    return this.connection.collection<LeaseDocument>(this.collectionName);
  }

  async acquire(name: string, ttlMs: number) {
    const now = Date.now();
    try {
      const lease = await this.leases.findOneAndUpdate(
        { _id: name, $or: [{ holder: this.holderId }, { expiresAt: { $lte: new Date(now) } }] },
        { $set: { holder: this.holderId, expiresAt: new Date(now + ttlMs) } },
        { upsert: true, returnDocument: 'after' },
      );
      return lease?.holder === this.holderId;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async renew(name: string, ttlMs: number) {
    const { matchedCount } = await this.leases.updateOne(
      { _id: name, holder: this.holderId },
      { $set: { expiresAt: new Date(Date.now() + ttlMs) } },
    );
    return matchedCount === 1;
  }

  async release(name: string) {
    await this.leases.deleteOne({ _id: name, holder: this.holderId });
  }

  /** The connection is the read store's: closing it is the runtime's job. */
  async close() {}
}
