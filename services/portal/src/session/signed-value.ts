import { createHmac, timingSafeEqual } from 'node:crypto';

/** `value.signature`: a cookie the browser carries but cannot forge (HMAC-SHA256 with the session secret). */
export const signValue = (value: string, secret: string) =>
  `${value}.${createHmac('sha256', secret).update(value).digest('base64url')}`;

/** The value, if its signature is ours; undefined for anything else. */
export const verifySignedValue = (signed: string, secret: string): string | undefined => {
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const value = signed.slice(0, dot);
  const expected = Buffer.from(signValue(value, secret).slice(dot + 1));
  const given = Buffer.from(signed.slice(dot + 1));
  return expected.length === given.length && timingSafeEqual(expected, given) ? value : undefined;
};
