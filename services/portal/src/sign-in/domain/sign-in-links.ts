import { createHash, randomBytes } from 'node:crypto';

export interface SignInLinkRules {
  ttlMs: number;
  perHour: number;
}

export type LinkRequest = { issued: true; token: string } | { issued: false; retryInMs: number };

const HOUR_MS = 3600_000;
const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * One-time sign-in links, no passwords: a random token mailed to the address, of which only a
 * hash is kept (a memory dump signs nobody in). A token works once, until it expires; an address
 * may ask for a few an hour, so the portal cannot be made to flood someone's mailbox.
 */
export class SignInLinks {
  private readonly pending = new Map<string, { email: string; expiresAt: number }>();
  private readonly requestsByEmail = new Map<string, number[]>();

  constructor(
    private readonly rules: SignInLinkRules,
    private readonly now: () => number = Date.now,
  ) {}

  request(email: string): LinkRequest {
    const now = this.now();
    const address = email.trim().toLowerCase();
    const recent = (this.requestsByEmail.get(address) ?? []).filter((at) => at > now - HOUR_MS);
    if (recent.length >= this.rules.perHour) {
      this.requestsByEmail.set(address, recent);
      return { issued: false, retryInMs: recent[0] + HOUR_MS - now };
    }
    this.requestsByEmail.set(address, [...recent, now]);
    this.forgetExpired(now);
    const token = randomBytes(32).toString('base64url');
    this.pending.set(digest(token), { email: address, expiresAt: now + this.rules.ttlMs });
    return { issued: true, token };
  }

  /** The address the link was for, once: a second use, an expired or an unknown token give undefined. */
  redeem(token: string): string | undefined {
    const key = digest(token);
    const link = this.pending.get(key);
    this.pending.delete(key);
    return link && link.expiresAt > this.now() ? link.email : undefined;
  }

  private forgetExpired(now: number) {
    for (const [key, link] of this.pending) if (link.expiresAt <= now) this.pending.delete(key);
  }
}
