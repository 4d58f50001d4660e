import { createHash } from 'node:crypto';

// Our own name-based UUID namespace, so derived ids never equal another system's v5 UUIDs.
const NAMESPACE = Buffer.from('3f6d1c9e8b7a4e52a1d04c6b9e2f7a58', 'hex');

/**
 * A UUID (version 5, RFC 4122) that is the same every time for the same parts: the id of an
 * event written in reaction to another event, so that handling that event again (a redelivery,
 * a standalone restart that replays the log) appends an id the store already holds — a replay,
 * not a second effect.
 */
export const derivedEventId = (...parts: string[]): string => {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('\u0000')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
