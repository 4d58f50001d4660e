import { pageBefore } from './page-before';

const from = (referer?: string) => ({ headers: referer ? { referer } : {} });
const pages = new Set(['/portal/tickets/42', '/portal/contacts']);
const answersGet = (path: string) => pages.has(path);

describe('the way back from a form refused unread', () => {
  it('is the page that posted it', () => {
    expect(pageBefore(from('https://desk.example/portal/contacts?x=1'), answersGet)).toBe('/portal/contacts');
  });

  it('is the nearest page above a form shown again at the path it posts to', () => {
    expect(pageBefore(from('https://desk.example/portal/tickets/42/attachments'), answersGet)).toBe(
      '/portal/tickets/42',
    );
  });

  it("is the portal's start without a Referer, or for one outside the portal", () => {
    expect(pageBefore(from(), answersGet)).toBe('/portal/');
    expect(pageBefore(from('https://elsewhere.example/evil'), answersGet)).toBe('/portal/');
  });
});
