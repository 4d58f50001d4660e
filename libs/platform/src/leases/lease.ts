/**
 * A named lease: at most one holder at a time across every process that shares the store it is
 * kept in. Background work that must happen once (the relay of a store, a projection over it, a
 * scheduler) runs only while its process holds the lease; see runUnderLease.
 */
export interface Leases {
  /** This process, as the holder the store records: unique per process start. */
  readonly holderId: string;
  /** Takes the lease when it is free or expired, or extends it when this holder has it already. */
  acquire(name: string, ttlMs: number): Promise<boolean>;
  /** Extends a lease this holder has; false when it was lost (expired and taken, or its connection died). */
  renew(name: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up at once, so a standby need not wait for it to expire. */
  release(name: string): Promise<void>;
  close(): Promise<void>;
}

/** How long a lease lasts without renewal, and how often it is renewed (and a free one asked for). */
export interface LeaseTiming {
  ttlMs: number;
  renewMs: number;
}
