import { LRUCache } from 'lru-cache';
import type { VerifiedToken } from './token-verifier';

/** A verification and until when it holds: the token's `exp`, in epoch milliseconds. */
export interface Verification {
  verified: VerifiedToken;
  expiresAtMs: number;
}

/** Tokens remembered at once: a busy desk's callers each reuse theirs for many requests. */
const MAX_TOKENS = 10_000;

/**
 * Verifies each token once, then answers it from memory until its `exp`: the signature check
 * and claim parsing were most of a request's CPU besides the command itself. Only verified
 * tokens are kept, so a refused one is checked (and refused) again every time; an entry leaves
 * at its token's expiry, after which the token is verified (and refused) afresh.
 */
export const cachedUntilExpiry = (verify: (token: string) => Promise<Verification>, now = Date.now) => {
  const verified = new LRUCache<string, VerifiedToken>({ max: MAX_TOKENS });
  return async (token: string): Promise<VerifiedToken> => {
    const known = verified.get(token);
    if (known) return known;
    const verification = await verify(token);
    const ttl = verification.expiresAtMs - now();
    if (ttl > 0) verified.set(token, verification.verified, { ttl });
    return verification.verified;
  };
};
