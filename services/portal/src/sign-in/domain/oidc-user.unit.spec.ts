import { userFromClaims } from './oidc-user';

describe('who an OpenID Connect sign-in is', () => {
  it('reads the claims the desk reads, and the profile', () => {
    expect(
      userFromClaims(
        {
          sub: 'c-1',
          role: 'customer_admin',
          org: 'o-1',
          name: 'Anna',
          email: 'anna@zorg.example',
          locale: 'nl-NL',
        },
        'Europe/Amsterdam',
      ),
    ).toEqual({
      id: 'c-1',
      role: 'customer_admin',
      organisationId: 'o-1',
      name: 'Anna',
      email: 'anna@zorg.example',
      language: 'nl',
      timeZone: 'Europe/Amsterdam',
    });
  });

  it('signs in an agent without organisation, in English by default', () => {
    expect(userFromClaims({ sub: 'agent-1', role: 'agent' }, 'Europe/Amsterdam')).toMatchObject({
      id: 'agent-1',
      name: 'agent-1',
      language: 'en',
    });
  });

  it('refuses what the desk would refuse', () => {
    expect(userFromClaims({ role: 'agent' }, 'UTC')).toEqual({ refused: 'the token names no subject (sub)' });
    expect(userFromClaims({ sub: 's', role: 'system' }, 'UTC')).toEqual({
      refused: 'the token names no portal role (role)',
    });
    expect(userFromClaims({ sub: 'c', role: 'customer_employee' }, 'UTC')).toEqual({
      refused: 'a customer token must name its organisation (org)',
    });
  });
});
