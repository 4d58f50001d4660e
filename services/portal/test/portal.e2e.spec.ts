import { eventually } from '@helpdesk/testing';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPerson, screenshot } from './browser';
import { agentApi } from './desk-api-fixtures';
import { mailsTo, signInLinkFor, startStandaloneDesk, type StandaloneDesk } from './desk-process';
import { checkPage, LIVE_WAIT_MS, liveConnected } from './portal-pages';

/**
 * The portal in the desk as `npm start` runs it, in real Chromium: sign-in by e-mail link, a
 * customer's ticket from filing to answer, what other people may and may not see. Every page
 * is checked with axe and saved as a screenshot (.infra/portal-screenshots/).
 */
describe('the portal in the standalone desk (npm start)', () => {
  let desk: StandaloneDesk;
  let browser: Browser;
  let api: ReturnType<typeof agentApi>;
  let zorg: { id: string; administratorId: string };

  const path = (page: Page) => new URL(page.url()).pathname;
  // Run inside the page (the browser's document, not Node's).
  const activeText = () =>
    (globalThis as unknown as { document: { activeElement?: { textContent: string } } }).document
      .activeElement?.textContent;
  const activeId = () =>
    (globalThis as unknown as { document: { activeElement?: { id: string } } }).document.activeElement?.id;
  const signIn = async (page: Page, email: string) => {
    await page.goto(`${desk.url}/portal/sign-in`);
    await page.getByLabel(/E-mail address|E-mailadres/).fill(email);
    await page.getByRole('button', { name: /sign-in link|aanmeldlink/ }).click();
    await page.goto(await signInLinkFor(desk, email));
    expect(path(page)).toBe('/portal/tickets');
  };

  beforeAll(async () => {
    [desk, browser] = await Promise.all([startStandaloneDesk(), launchBrowser()]);
    api = agentApi(desk);
    zorg = await api.registerOrganisation('Zorg BV', {
      name: 'Anna de Vries',
      email: 'anna@zorg.example',
      language: 'nl',
    });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  describe('signing in by e-mail link', () => {
    it('mails a one-time link, signs the contact in in their language, and signs out', async () => {
      const page = await openPerson(browser);
      await page.goto(`${desk.url}/`);
      expect(path(page)).toBe('/portal/sign-in');
      await checkPage(page, 'sign-in');

      await page.getByLabel('E-mail address').fill('anna@zorg.example');
      await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
      await expect(page.getByRole('status').textContent()).resolves.toContain('anna@zorg.example');
      const link = await signInLinkFor(desk, 'anna@zorg.example');

      await page.goto(link);
      expect(path(page)).toBe('/portal/tickets');
      await expect(page.locator('h1').textContent()).resolves.toBe('Meldingen');
      await expect(page.locator('.who').textContent()).resolves.toContain('Anna de Vries');
      await checkPage(page, 'tickets-nl');

      // The session cookie is HttpOnly, SameSite and holds no token: only a signed id.
      const [session] = (await page.context().cookies()).filter((c) => c.name === 'portal_session');
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      expect(session.value.split('.')).toHaveLength(2);

      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe('Tickets');

      await page.getByRole('button', { name: 'Sign out' }).click();
      expect(path(page)).toBe('/portal/sign-in');
      await page.goto(`${desk.url}/portal/tickets`);
      expect(path(page)).toBe('/portal/sign-in');

      // Used once: the same link signs nobody in again.
      expect((await page.goto(link))?.status()).toBe(410);
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

  it('a customer files a ticket with the keyboard, sees the public answer and never the internal one, and involves a colleague', async () => {
    const bram = await api.addContact(zorg.id, {
      name: 'Bram Jansen',
      email: 'bram@zorg.example',
      language: 'en',
    });
    await api.authorise(bram.id);
    // Carla is a contact of Zorg, not authorised to file tickets herself.
    await api.addContact(zorg.id, {
      name: 'Carla Smit',
      email: 'carla@zorg.example',
      language: 'en',
    });

    const page = await openPerson(browser);
    await signIn(page, 'bram@zorg.example');
    await page.goto(`${desk.url}/portal/tickets/new`);
    await checkPage(page, 'new-ticket');

    // Keyboard only: the skip link, then from field to field with Tab.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(activeText)).resolves.toBe('Skip to content');
    await page.keyboard.press('Enter');
    const focusOn = async (id: string) => {
      for (let presses = 0; presses < 20; presses++) {
        if ((await page.evaluate(activeId)) === id) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached #${id}`);
    };
    await focusOn('kind');
    await page.keyboard.press('ArrowDown'); // question -> error
    await focusOn('subject');
    await page.keyboard.type('Export stops at 50%');
    await focusOn('description');
    await page.keyboard.type('The monthly export stops halfway.');
    await focusOn('steps');
    await page.keyboard.type('Open Reports, export November.');
    // A file chooser is the one thing a keyboard cannot type: the test hands the file over.
    await page.setInputFiles('#attachment', {
      name: 'export.log',
      mimeType: 'text/plain',
      buffer: Buffer.from('stopped at row 5000'),
    });
    await page.focus('#attachment');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(activeText)).resolves.toBe('File the ticket');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/portal\/tickets\/[0-9a-f-]{36}$/);
    const ticketId = path(page).split('/').pop()!;
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(/Ticket HD-\d{5} is filed/);
    await expect(page.getByText('export.log').count()).resolves.toBe(1);
    await expect(page.getByText('Error', { exact: true }).count()).resolves.toBe(1);
    await checkPage(page, 'ticket-filed');

    // The open page follows the ticket by itself: the agent's public answer appears without a
    // reload (the mark set in the page survives), the internal note, posted first, never does.
    await liveConnected(page, 'conversation');
    await page.evaluate(() => ((globalThis as unknown as { stayed: boolean }).stayed = true));
    await api.call('POST', `/tickets/${ticketId}/triage`, { priority: 'P2' });
    await api.call('POST', `/tickets/${ticketId}/comments`, {
      body: 'INTERNAL: customer on old version',
      visibility: 'internal',
    });
    await api.call('POST', `/tickets/${ticketId}/comments`, {
      body: 'We are looking at the export now.',
      visibility: 'public',
    });
    await page
      .locator('#live-conversation', { hasText: 'We are looking at the export now.' })
      .waitFor({ timeout: LIVE_WAIT_MS });
    await expect(page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed)).resolves.toBe(
      true,
    );
    await expect(page.getByText('INTERNAL: customer on old version').count()).resolves.toBe(0);
    await expect(page.content()).resolves.not.toContain('INTERNAL');
    await checkPage(page, 'ticket-answered-live');

    // The priority is outside the live part: the next visit shows it, and still no internal note.
    await page.reload();
    await expect(page.getByText('We are looking at the export now.').count()).resolves.toBe(1);
    await expect(page.content()).resolves.not.toContain('INTERNAL');
    await expect(page.locator('.facts dd').nth(2).textContent()).resolves.toMatch(
      /P2:\s+Urgent or disruptive/,
    );

    // A colleague becomes a person involved, and from then on gets the mails.
    await page.getByLabel('E-mail address of the person to add').fill('carla@zorg.example');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      // An employee does not see the organisation's contacts: the colleague is added by address.
      'carla@zorg.example now receives all communication',
    );
    await page.getByLabel('Add a comment').fill('It also happens for October.');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByText('It also happens for October.').count()).resolves.toBe(1);
    await checkPage(page, 'ticket-conversation');
    await api.call('POST', `/tickets/${ticketId}/comments`, {
      body: 'Found it, a fix follows.',
      visibility: 'public',
    });
    const carlasMails = await eventually(
      () => mailsTo(desk, 'carla@zorg.example'),
      (mails) => mails.some((mail) => mail.includes('Found it, a fix follows.')),
      30_000,
    );
    expect(carlasMails.every((mail) => !mail.includes('INTERNAL'))).toBe(true);
    expect(carlasMails.some((mail) => /^Subject: .*\[HD-\d{5}\]/m.test(mail))).toBe(true);

    // A contact who is not authorised is refused, naming whom to ask, and keeps what they typed.
    const refused = await openPerson(browser);
    await signIn(refused, 'carla@zorg.example');
    await refused.goto(`${desk.url}/portal/tickets/new`);
    await refused.getByLabel(/^Subject/).fill('Printing is slow');
    await refused.getByLabel(/^Description/).fill('Since Monday.');
    await refused.getByRole('button', { name: 'File the ticket' }).click();
    await expect(refused.getByRole('alert').textContent()).resolves.toContain(
      'Ask Anna de Vries (anna@zorg.example)',
    );
    await expect(refused.getByLabel(/^Subject/).inputValue()).resolves.toBe('Printing is slow');
    await checkPage(refused, 'new-ticket-refused');

    // A customer of another organisation sees nothing of it.
    await api.registerOrganisation('Other BV', {
      name: 'Dirk Visser',
      email: 'dirk@other.example',
      language: 'en',
    });
    const other = await openPerson(browser);
    await signIn(other, 'dirk@other.example');
    await expect(other.getByText('No tickets match.').count()).resolves.toBe(1);
    const foreign = await other.goto(`${desk.url}/portal/tickets/${ticketId}`);
    expect(foreign?.status()).toBe(404);
    await expect(other.content()).resolves.not.toContain('Export stops');
    await checkPage(other, 'ticket-of-another-organisation');
  });
});
