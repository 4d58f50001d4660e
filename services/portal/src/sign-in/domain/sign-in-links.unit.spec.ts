import { SignInLinks } from './sign-in-links';

describe('one-time sign-in links', () => {
  let now = 0;
  const links = () => new SignInLinks({ ttlMs: 15 * 60_000, perHour: 3 }, () => now);
  beforeEach(() => (now = Date.parse('2026-12-02T09:00:00Z')));

  it('signs in the address it was mailed to, once', () => {
    const store = links();
    const request = store.request('Anna@Zorg.example');
    if (!request.issued) throw new Error('expected a link');
    expect(store.redeem(request.token)).toBe('anna@zorg.example');
    expect(store.redeem(request.token)).toBeUndefined();
  });

  it('expires', () => {
    const store = links();
    const request = store.request('anna@zorg.example');
    if (!request.issued) throw new Error('expected a link');
    now += 15 * 60_000;
    expect(store.redeem(request.token)).toBeUndefined();
  });

  it('knows no token it did not issue', () => {
    expect(links().redeem('made-up')).toBeUndefined();
  });

  it('gives an address a few links an hour, then says when to try again', () => {
    const store = links();
    for (let i = 0; i < 3; i++) expect(store.request('anna@zorg.example').issued).toBe(true);
    now += 10 * 60_000;
    expect(store.request('ANNA@zorg.example')).toEqual({ issued: false, retryInMs: 50 * 60_000 });
    expect(store.request('bram@zorg.example').issued).toBe(true);
    now += 50 * 60_000;
    expect(store.request('anna@zorg.example').issued).toBe(true);
  });
});
