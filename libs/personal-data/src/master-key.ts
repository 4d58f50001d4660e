import { decrypt, encrypt, IV_LENGTH, KEY_BYTES, TAG_LENGTH } from './field-cipher';
import { randomBytes } from 'node:crypto';

/**
 * The master key from configuration (`PERSONAL_DATA_MASTER_KEY`): 32 bytes, as 64 hex digits or
 * base64. It wraps every data key at rest, so a copy of the key table alone opens nothing.
 */
export const parseMasterKey = (raw: string): Buffer => {
  const trimmed = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)
      ? Buffer.from(trimmed, 'base64')
      : undefined;
  if (!key || key.length !== KEY_BYTES)
    throw new Error(
      `expected ${KEY_BYTES} random bytes as 64 hex digits or base64 (openssl rand -base64 32)`,
    );
  return key;
};

/** A data key encrypted under the master key, bound to its subject: iv, ciphertext, tag in base64. */
export const wrapDataKey = (master: Buffer, subject: string, dataKey: Buffer) => {
  const iv = randomBytes(IV_LENGTH);
  const { ciphertext, tag } = encrypt(master, iv, Buffer.from(subject), dataKey);
  return Buffer.concat([iv, ciphertext, tag]).toString('base64');
};

export const unwrapDataKey = (master: Buffer, subject: string, wrapped: string) => {
  const bytes = Buffer.from(wrapped, 'base64');
  return decrypt(
    master,
    bytes.subarray(0, IV_LENGTH),
    Buffer.from(subject),
    bytes.subarray(IV_LENGTH, bytes.length - TAG_LENGTH),
    bytes.subarray(bytes.length - TAG_LENGTH),
  );
};
