import type { Principal } from './principal';
import { InvalidTokenError } from './token-verifier';
import { cachedUntilExpiry } from './verified-token-cache';

const agent: Principal = { id: 'a-1', role: 'agent' };

// A verifier that counts its calls and says each token holds for `lifetimeMs` from now.
const counting = (lifetimeMs: number) => {
  const calls: string[] = [];
  const verify = async (token: string) => {
    calls.push(token);
    if (token === 'forged') throw new InvalidTokenError('the bearer token is not valid: signature');
    return { verified: { principal: agent, scopes: new Set<never>() }, expiresAtMs: Date.now() + lifetimeMs };
  };
  return { calls, verify };
};

describe('verifying each token once until it expires', () => {
  it('answers a token it verified from memory, and another token by verifying it', async () => {
    const { calls, verify } = counting(60_000);
    const cached = cachedUntilExpiry(verify);
    for (let i = 0; i < 5; i++) expect((await cached('t-1')).principal).toEqual(agent);
    await cached('t-2');
    expect(calls).toEqual(['t-1', 't-2']);
  });

  it('verifies the token again once its exp has passed', async () => {
    const { calls, verify } = counting(40);
    const cached = cachedUntilExpiry(verify);
    await cached('t-1');
    await cached('t-1');
    await new Promise((resolve) => setTimeout(resolve, 80));
    await cached('t-1');
    expect(calls).toEqual(['t-1', 't-1']);
  });

  it('keeps no refusal: a forged token is checked, and refused, every time', async () => {
    const { calls, verify } = counting(60_000);
    const cached = cachedUntilExpiry(verify);
    await expect(cached('forged')).rejects.toThrow(InvalidTokenError);
    await expect(cached('forged')).rejects.toThrow(InvalidTokenError);
    expect(calls).toEqual(['forged', 'forged']);
  });

  it('keeps nothing for a token that expires as it is verified', async () => {
    const { calls, verify } = counting(0);
    const cached = cachedUntilExpiry(verify);
    await cached('t-1');
    await cached('t-1');
    expect(calls).toEqual(['t-1', 't-1']);
  });
});
