/**
 * A global position here is the pair (transaction id, sequence position), packed into one
 * bigint so checkpoints stay a single comparable number. Ordering by the pair is what makes
 * subscriptions safe: every row still invisible to a reader belongs to a transaction at or
 * above the snapshot's xmin, so it sorts after everything already delivered.
 */
const SHIFT = 64n;
const LOW = (1n << SHIFT) - 1n;

export const packPosition = (transactionId: string, position: string) =>
  (BigInt(transactionId) << SHIFT) | BigInt(position);

export const unpackPosition = (packed: bigint) => ({
  transactionId: (packed >> SHIFT).toString(),
  position: (packed & LOW).toString(),
});
