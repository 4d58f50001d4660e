import { parseLifetime } from './auth.settings';
import {
  createTokenVerifier,
  InvalidTokenError,
  principalFrom,
  scopesFrom,
  signDevToken,
} from './token-verifier';

describe('principalFrom (token claims)', () => {
  it('reads an agent without organisation', () =>
    expect(principalFrom({ sub: 'a-1', role: 'agent' })).toEqual({ id: 'a-1', role: 'agent' }));

  it('requires a customer to name an organisation', () =>
    expect(() => principalFrom({ sub: 'c-1', role: 'customer_employee' })).toThrow(InvalidTokenError));

  it('refuses an unknown role', () =>
    expect(() => principalFrom({ sub: 'x', role: 'root' })).toThrow(
      /role must be one of agent, customer_admin/,
    ));

  it('refuses a token without subject', () =>
    expect(() => principalFrom({ role: 'agent' })).toThrow(/subject/));
});

describe('scopes and token rules', () => {
  const secret = 'a-unit-test-secret-long-enough-for-hs256';
  const verify = createTokenVerifier({
    jwtSecret: secret,
    issuer: 'https://id.example',
    audience: 'helpdesk',
  });

  it('reads the scope claim, else the role defaults (a system: none)', () => {
    expect([...scopesFrom({ scope: 'tickets:read sla:read' }, 'agent')]).toEqual([
      'tickets:read',
      'sla:read',
    ]);
    expect(scopesFrom({}, 'agent').has('events:read')).toBe(true);
    expect(scopesFrom({}, 'customer_admin').has('releases:write')).toBe(false);
    expect(scopesFrom({}, 'system').size).toBe(0);
  });

  it('honours the configured issuer and audience', async () => {
    const principal = { id: 'a-1', role: 'agent' as const };
    const good = await signDevToken(secret, principal, {
      issuer: 'https://id.example',
      audience: 'helpdesk',
    });
    expect((await verify(good)).principal).toEqual(principal);
    const otherIssuer = await signDevToken(secret, principal, {
      issuer: 'https://evil.example',
      audience: 'helpdesk',
    });
    await expect(verify(otherIssuer)).rejects.toThrow(/iss/);
    const otherAudience = await signDevToken(secret, principal, {
      issuer: 'https://id.example',
      audience: 'crm',
    });
    await expect(verify(otherAudience)).rejects.toThrow(/aud/);
  });

  it('reads lifetimes as seconds or with a unit', () => {
    expect(parseLifetime('3600')).toBe(3600);
    expect(parseLifetime('90m')).toBe(5400);
    expect(parseLifetime('24h')).toBe(86400);
    expect(() => parseLifetime('forever')).toThrow(/seconds/);
    expect(() => parseLifetime('0')).toThrow();
  });
});
