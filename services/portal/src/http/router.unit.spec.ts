import { Router } from './router';

describe('the portal router', () => {
  const router = new Router<string>().add(
    { method: 'GET', pattern: '/portal/tickets/new', handler: 'new' },
    { method: 'GET', pattern: '/portal/tickets/:id', handler: 'ticket' },
    { method: 'POST', pattern: '/portal/tickets/:id/comments', handler: 'comment' },
  );

  it('matches in order, with decoded parameters and an optional trailing slash', () => {
    expect(router.match('GET', '/portal/tickets/new')).toEqual({ handler: 'new', params: {} });
    expect(router.match('GET', '/portal/tickets/a%20b/')).toEqual({
      handler: 'ticket',
      params: { id: 'a b' },
    });
    expect(router.match('HEAD', '/portal/tickets/x')).toEqual({ handler: 'ticket', params: { id: 'x' } });
  });

  it('tells a path of another method from an unknown path', () => {
    expect(router.match('GET', '/portal/tickets/x/comments')).toBe('methodNotAllowed');
    expect(router.match('GET', '/portal/nothing')).toBeUndefined();
  });
});
