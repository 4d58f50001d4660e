import { DEVELOPMENT_JWT_SECRET, signDevToken } from '@helpdesk/platform';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPerson, screenshot, seriousAccessibilityViolations } from './browser';
import { signInLinkFor, startStandaloneDesk, type StandaloneDesk } from './desk-process';

const agentToken = () => signDevToken(DEVELOPMENT_JWT_SECRET, { id: 'agent-1', role: 'agent' });

describe('the portal in the standalone desk (npm start): signing in by e-mail link', () => {
  let desk: StandaloneDesk;
  let browser: Browser;
  beforeAll(async () => {
    [desk, browser] = await Promise.all([startStandaloneDesk(), launchBrowser()]);
    const response = await fetch(`${desk.url}/organisations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await agentToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Zorg BV',
        slaPolicy: 'restore-time',
        administrator: { name: 'Anna de Vries', email: 'anna@zorg.example', language: 'nl' },
      }),
    });
    expect(response.status).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('mails a one-time link, signs the contact in in their language, and signs out', async () => {
    const page = await openPerson(browser);
    await page.goto(`${desk.url}/`);
    expect(new URL(page.url()).pathname).toBe('/portal/sign-in');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');

    await page.getByLabel('E-mail address').fill('anna@zorg.example');
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('anna@zorg.example');
    const link = await signInLinkFor(desk, 'anna@zorg.example');

    await page.goto(link);
    expect(new URL(page.url()).pathname).toBe('/portal/tickets');
    await expect(page.locator('h1').textContent()).resolves.toBe('Meldingen');
    await expect(page.locator('.who').textContent()).resolves.toContain('Anna de Vries');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'tickets-nl');

    // The session cookie is HttpOnly, SameSite and holds no token: only a signed id.
    const [session] = (await page.context().cookies()).filter((c) => c.name === 'portal_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(session.value.split('.')).toHaveLength(2);

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Tickets');

    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(new URL(page.url()).pathname).toBe('/portal/sign-in');
    await page.goto(`${desk.url}/portal/tickets`);
    expect(new URL(page.url()).pathname).toBe('/portal/sign-in');

    // Used once: the same link signs nobody in again.
    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
  });

  it('answers an unknown address exactly like a known one, and sends it nothing', async () => {
    const page = await openPerson(browser, { phone: true });
    await page.goto(`${desk.url}/portal/sign-in`);
    await page.getByLabel('E-mail address').fill('nobody@elsewhere.example');
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('nobody@elsewhere.example');
    await expect(signInLinkFor(desk, 'nobody@elsewhere.example')).rejects.toThrow('no sign-in mail');
    await screenshot(page, 'sign-in-phone');
  });
});
