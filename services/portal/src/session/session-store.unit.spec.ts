import { SessionStore, type PortalUser } from './session-store';
import { signValue, verifySignedValue } from './signed-value';

const anna: PortalUser = {
  id: 'c-1',
  role: 'customer_admin',
  organisationId: 'o-1',
  name: 'Anna',
  email: 'anna@zorg.example',
  language: 'nl',
  timeZone: 'Europe/Amsterdam',
};

describe('portal sessions', () => {
  it('end when the desk token does', () => {
    let now = 1000;
    const store = new SessionStore(() => now);
    const session = store.open(anna, 'token', 5000);
    expect(store.find(session.id)?.token).toBe('token');
    now = 5000;
    expect(store.find(session.id)).toBeUndefined();
  });

  it('end on sign-out', () => {
    const store = new SessionStore();
    const session = store.open(anna, 'token', Date.now() + 60_000);
    store.end(session.id);
    expect(store.find(session.id)).toBeUndefined();
  });

  it('are named by a cookie whose signature cannot be forged', () => {
    const signed = signValue('session-id', 'a'.repeat(32));
    expect(verifySignedValue(signed, 'a'.repeat(32))).toBe('session-id');
    expect(verifySignedValue(signed, 'b'.repeat(32))).toBeUndefined();
    expect(verifySignedValue(`other-id.${signed.split('.')[1]}`, 'a'.repeat(32))).toBeUndefined();
    expect(verifySignedValue('no-signature', 'a'.repeat(32))).toBeUndefined();
  });
});
