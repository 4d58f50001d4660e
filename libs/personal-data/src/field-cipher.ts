import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedValue } from './envelope';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** AES-256: every key the desk makes, data keys and the master key alike. */
export const KEY_BYTES = 32;

/** Encrypts a clear value under the subject's key (see envelope.ts for the format). */
export const sealValue = (key: Buffer, subject: string, clear: string): SealedValue => {
  const iv = randomBytes(IV_BYTES);
  const { ciphertext, tag } = encrypt(key, iv, Buffer.from(subject), Buffer.from(clear, 'utf8'));
  return {
    pii: 1,
    subject,
    iv: iv.toString('base64'),
    ct: Buffer.concat([ciphertext, tag]).toString('base64'),
  };
};

/** The clear value; throws when the key is not the subject's or the envelope was altered. */
export const openValue = (key: Buffer, sealed: SealedValue): string => {
  const body = Buffer.from(sealed.ct, 'base64');
  return decrypt(
    key,
    Buffer.from(sealed.iv, 'base64'),
    Buffer.from(sealed.subject),
    body.subarray(0, body.length - TAG_BYTES),
    body.subarray(body.length - TAG_BYTES),
  ).toString('utf8');
};

/** One AES-256-GCM encryption; `aad` binds the result to what it belongs to. */
export const encrypt = (key: Buffer, iv: Buffer, aad: Buffer, clear: Buffer) => {
  const cipher = createCipheriv(ALGORITHM, key, iv).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(clear), cipher.final()]);
  return { ciphertext, tag: cipher.getAuthTag() };
};

export const decrypt = (key: Buffer, iv: Buffer, aad: Buffer, ciphertext: Buffer, tag: Buffer) => {
  const decipher = createDecipheriv(ALGORITHM, key, iv).setAAD(aad).setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
};

export const newDataKey = () => randomBytes(KEY_BYTES);
export const IV_LENGTH = IV_BYTES;
export const TAG_LENGTH = TAG_BYTES;
