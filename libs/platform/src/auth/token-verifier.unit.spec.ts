import { InvalidTokenError, principalFrom } from './token-verifier';

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
