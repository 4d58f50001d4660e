/**
 * A global position here is the pair (transaction id, sequence position), the order readAll
 * delivers in, packed into one bigint so that checkpoints stay one comparable value whatever
 * the adapter. The sequence position alone is not an order readers can trust (see statements.ts).
 */
const SHIFT = 64n;
const LOW = (1n << SHIFT) - 1n;

export const packPosition = (transactionId: string, position: string) =>
  (BigInt(transactionId) << SHIFT) | BigInt(position);

export const unpackPosition = (packed: bigint) => ({
  transactionId: (packed >> SHIFT).toString(),
  position: (packed & LOW).toString(),
});
