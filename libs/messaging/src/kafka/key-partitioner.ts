import type { ICustomPartitioner } from 'kafkajs';

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/**
 * Kafka's murmur2 (the Java client's, and kafkajs' default) in 32-bit arithmetic. kafkajs
 * computes it with a 64-bit Long object per step, which was 8% of the relay's CPU in
 * `bench:pipeline`; only the low 32 bits ever reach the result, which Math.imul gives exactly,
 * so every key lands on the partition it always did (the unit test compares the two).
 */
export const murmur2 = (key: Buffer | string): number => {
  const data = Buffer.isBuffer(key) ? key : Buffer.from(key);
  const length = data.length;
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  // The last one to three bytes, as the Java client's fall-through switch takes them.
  const rest = length & 3;
  if (rest === 3) h ^= data[whole + 2] << 16;
  if (rest >= 2) h ^= data[whole + 1] << 8;
  if (rest >= 1) h = Math.imul(h ^ data[whole], M);
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
};

/**
 * kafkajs' default partitioner for keyed messages (a message's own partition first, else the
 * key's murmur2 over all of the topic's partitions), with the fast hash. The relay keys every
 * message, so the round robin for unkeyed ones is not needed: one without a key is refused.
 */
export const keyPartitioner: ICustomPartitioner =
  () =>
  ({ partitionMetadata, message }) => {
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    if (message.key === null || message.key === undefined)
      throw new Error('the relay sends keyed messages only');
    return (murmur2(message.key) & 0x7fffffff) % partitionMetadata.length;
  };
