import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, openPerson } from './browser';
import { agentApi } from './desk-api-fixtures';
import { startStandaloneDesk, type StandaloneDesk } from './desk-process';
import { checkPage, LIVE_WAIT_MS, signIn } from './portal-pages';

/**
 * A customer organisation's own pages in the desk as `npm start` runs it, in real Chromium: the
 * administrator's contacts, details and release notes; a customer working their ticket
 * (reassessment, remote-session consent, reopen, confirm); and what they are told when the desk
 * refuses, with what they typed kept. Every page is checked with axe and kept as a screenshot.
 */
describe('the customers’ pages in the standalone desk: administrators and their tickets', () => {
  let desk: StandaloneDesk;
  let browser: Browser;
  let api: ReturnType<typeof agentApi>;
  let zorg: { id: string; administratorId: string };

  const cell = async (row: Locator, column: number) =>
    (await row.getByRole('cell').nth(column).textContent())?.trim();
  const notice = async (page: Page, role: 'status' | 'alert') =>
    (await page.locator(`.notice[role=${role}]`).first().textContent())?.trim();

  beforeAll(async () => {
    [desk, browser] = await Promise.all([startStandaloneDesk(), launchBrowser()]);
    api = agentApi(desk);
    zorg = await api.registerOrganisation('Zorg BV', {
      name: 'Anna de Vries',
      email: 'anna@zorg.example',
      language: 'en',
    });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('an administrator adds, authorises, revokes and deactivates a contact, and keeps the last administrator', async () => {
    const anna = await openPerson(browser);
    await signIn(anna, desk, 'anna@zorg.example');
    await anna.getByRole('link', { name: 'Contacts' }).click();
    await checkPage(anna, 'admin-contacts');

    const add = anna.getByRole('region', { name: 'Add a contact' });
    await add.getByLabel('Name').fill('Bram Jansen');
    await add.getByLabel('E-mail address').fill('bram@zorg.example');
    await add.getByLabel('Language').selectOption('en');
    await add.getByRole('button', { name: 'Add a contact' }).click();
    await expect(notice(anna, 'status')).resolves.toBe('Bram Jansen is added.');
    await checkPage(anna, 'admin-contacts-added');
    const bram = anna.getByRole('row', { name: /Bram Jansen/ });
    // Columns: name, e-mail, role, authorised, active, actions.
    await expect(cell(bram, 2)).resolves.toBe('Employee');
    await expect(cell(bram, 3)).resolves.toBe('No');

    await bram.getByRole('button', { name: 'Authorise Bram Jansen' }).click();
    await expect(notice(anna, 'status')).resolves.toBe('Bram Jansen is updated.');
    await expect(cell(bram, 3)).resolves.toBe('Yes');
    const inTheDesk = async () =>
      (
        await api.call<Array<{ email: string; authorised: boolean; active: boolean }>>(
          'GET',
          `/organisations/${zorg.id}/contacts`,
        )
      ).find((contact) => contact.email === 'bram@zorg.example');
    await expect(inTheDesk()).resolves.toMatchObject({ authorised: true, active: true });

    await checkPage(anna, 'admin-contacts-authorised');
    await bram.getByRole('button', { name: 'Revoke Bram Jansen' }).click();
    await expect(cell(bram, 3)).resolves.toBe('No');
    await checkPage(anna, 'admin-contacts-revoked');
    await bram.getByRole('button', { name: 'Deactivate Bram Jansen' }).click();
    await expect(cell(bram, 4)).resolves.toBe('No');
    await expect(bram.getByRole('button', { name: 'Reactivate Bram Jansen' }).count()).resolves.toBe(1);
    await expect(inTheDesk()).resolves.toMatchObject({ authorised: false, active: false });
    await checkPage(anna, 'admin-contacts-changed');

    // The last active administrator stays: the page gives the desk's reason, not "try again".
    await anna.getByRole('button', { name: 'Deactivate Anna de Vries' }).click();
    await expect(notice(anna, 'alert')).resolves.toBe(
      'This is not possible now: Zorg BV must keep at least one active administrator: make another contact administrator before you deactivate Anna de Vries.',
    );
    await expect(cell(anna.getByRole('row', { name: /Anna de Vries/ }), 4)).resolves.toBe('Yes');
    await checkPage(anna, 'admin-contacts-refused');
  }, 90_000);

  it('an administrator edits the organisation’s details: a wrong field is marked, a concurrent change is shown, nothing typed is lost', async () => {
    const anna = await openPerson(browser);
    await signIn(anna, desk, 'anna@zorg.example');
    await anna.getByRole('navigation').getByRole('link', { name: 'Organisation' }).click();
    await checkPage(anna, 'admin-organisation');
    await expect(anna.locator('.facts').textContent()).resolves.toContain(
      'Anna de Vries <anna@zorg.example>',
    );

    await anna.getByLabel('Name').fill('Zorg Groep BV');
    await anna.getByLabel('Time zone').fill('Europe/Atlantis');
    await anna.getByRole('button', { name: 'Save' }).click();
    await expect(notice(anna, 'alert')).resolves.toBe('Please correct the fields marked below.');
    await expect(anna.locator('#timeZone-error').textContent()).resolves.toBe(
      'Europe/Atlantis is not an IANA time zone.',
    );
    await expect(anna.getByLabel('Time zone').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(anna.getByLabel('Name').inputValue()).resolves.toBe('Zorg Groep BV');
    await expect(anna.getByLabel('Time zone').inputValue()).resolves.toBe('Europe/Atlantis');
    const stored = () => api.call<{ name: string; timeZone: string }>('GET', `/organisations/${zorg.id}`);
    await expect(stored()).resolves.toMatchObject({ name: 'Zorg BV' });
    await checkPage(anna, 'admin-organisation-invalid');

    await anna.getByLabel('Time zone').fill('Europe/Brussels');
    await anna.getByRole('button', { name: 'Save' }).click();
    await expect(notice(anna, 'status')).resolves.toBe('The details are saved.');
    await expect(stored()).resolves.toMatchObject({ name: 'Zorg Groep BV', timeZone: 'Europe/Brussels' });
    await checkPage(anna, 'admin-organisation-saved');

    // Two tabs on the same details: the one saved second is told, and keeps what it typed.
    const other = await anna.context().newPage();
    await other.goto(anna.url());
    await anna.getByLabel('Name').fill('Zorg Holding BV');
    await anna.getByRole('button', { name: 'Save' }).click();
    await expect(notice(anna, 'status')).resolves.toBe('The details are saved.');
    await other.getByLabel('Name').fill('Zorg Zuid BV');
    await other.getByRole('button', { name: 'Save' }).click();
    await expect(notice(other, 'alert')).resolves.toContain('Someone else changed this in the meantime');
    await expect(other.getByLabel('Name').inputValue()).resolves.toBe('Zorg Zuid BV');
    // What the other tab saved is shown beside what this one typed.
    await expect(other.locator('#name-hint').textContent()).resolves.toBe('Saved meanwhile: Zorg Holding BV');
    await expect(other.locator('#timeZone-hint').count()).resolves.toBe(0);
    await expect(stored()).resolves.toMatchObject({ name: 'Zorg Holding BV' });
    await checkPage(other, 'admin-organisation-conflict');
    // Sent again after checking, it is the latest version's change now.
    await other.getByRole('button', { name: 'Save' }).click();
    await expect(notice(other, 'status')).resolves.toBe('The details are saved.');
    await expect(stored()).resolves.toMatchObject({ name: 'Zorg Zuid BV' });
    await checkPage(other, 'admin-organisation-saved-again');
  }, 90_000);

  it('an administrator reads the notes of a shipped release naming the fix for their ticket', async () => {
    const ticket = await api.call<{ id: string }>('POST', '/tickets', {
      kind: 'error',
      subject: 'Payslips show last month’s date',
      description: 'Every payslip of December says November.',
      organisationId: zorg.id,
      reporterId: zorg.administratorId,
    });
    const inAWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const release = await api.call<{ id: string }>('POST', '/releases', {
      version: '7.1.0',
      plannedDate: inAWeek,
    });
    // Only a triaged ticket still being worked on can have its fix scheduled.
    await api.call('POST', `/tickets/${ticket.id}/triage`, { priority: 'P3' });
    await api.call('POST', `/tickets/${ticket.id}/start`);
    await api.callOnceCopied('ticket-not-schedulable', 'POST', `/releases/${release.id}/fixes`, {
      ticketId: ticket.id,
    });
    await api.call('POST', `/releases/${release.id}/freeze`);
    await api.call('POST', `/releases/${release.id}/ship`);

    const anna = await openPerson(browser, { phone: true });
    await signIn(anna, desk, 'anna@zorg.example');
    await anna.goto(`${desk.url}/portal/releases`);
    const notes = anna.getByRole('region', { name: '7.1.0' });
    const deadline = Date.now() + LIVE_WAIT_MS;
    // The notes list the fix once the desk has seen the release ship (its read models follow).
    while (!(await notes.count()) || !(await notes.textContent())?.includes('Payslips show')) {
      if (Date.now() > deadline)
        throw new Error(`no notes of 7.1.0: ${await anna.locator('main').textContent()}`);
      await anna.waitForTimeout(250);
      await anna.reload();
    }
    await expect(notes.locator('.meta').textContent()).resolves.toMatch(/^Shipped /);
    await checkPage(anna, 'admin-release-notes-phone');
  }, 90_000);

  it('a customer requests a reassessment, gives and withdraws consent, reopens with a reason and confirms the solution', async () => {
    const eva = await api.addContact(zorg.id, {
      name: 'Eva Bakker',
      email: 'eva@zorg.example',
      language: 'en',
    });
    await api.authorise(eva.id);
    const page = await openPerson(browser);
    await signIn(page, desk, 'eva@zorg.example');
    await page.goto(`${desk.url}/portal/tickets/new`);
    await page.getByLabel(/^Subject/).fill('Payroll run hangs');
    await page.getByLabel(/^Description/).fill('The payroll run hangs at the tax step.');
    await page.getByRole('button', { name: 'File the ticket' }).click();
    await page.waitForURL(/\/portal\/tickets\/[0-9a-f-]{36}$/);
    const ticketId = new URL(page.url()).pathname.split('/').pop()!;
    const ticketInTheDesk = () =>
      api.call<{
        status: string;
        priority?: string;
        remoteSessionConsent?: boolean;
        pendingReassessment?: object;
      }>('GET', `/tickets/${ticketId}`);
    const status = async () => (await page.locator('.facts dd').nth(1).textContent())?.trim();
    await api.call('POST', `/tickets/${ticketId}/triage`, { priority: 'P3' });
    await page.reload();

    // A reassessment, with the reason the customer gives.
    const reassessment = page.getByRole('region', { name: 'Request a reassessment of the priority' });
    await reassessment.getByLabel('Reason').fill('Payroll must run tonight: 200 employees wait for it.');
    await reassessment.getByLabel('Priority you propose').selectOption('P1');
    await checkPage(page, 'customer-reassessment');
    await reassessment.getByRole('button', { name: 'Request reassessment' }).click();
    await expect(notice(page, 'status')).resolves.toBe('Your request for a reassessment is sent.');
    await expect(
      page.getByText('A reassessment is requested: “Payroll must run tonight').count(),
    ).resolves.toBe(1);
    await expect(reassessment.count()).resolves.toBe(0);
    await checkPage(page, 'customer-reassessment-requested');
    await expect(ticketInTheDesk()).resolves.toMatchObject({
      pendingReassessment: expect.objectContaining({
        reason: 'Payroll must run tonight: 200 employees wait for it.',
      }),
    });

    // Remote-session consent, given and withdrawn.
    const remote = page.getByRole('region', { name: 'Remote session' });
    await remote.getByRole('button', { name: 'Allow a remote session' }).click();
    await expect(notice(page, 'status')).resolves.toBe('Your choice is recorded.');
    await expect(remote.textContent()).resolves.toContain(
      'You allow a support specialist to look along remotely.',
    );
    await expect(ticketInTheDesk()).resolves.toMatchObject({ remoteSessionConsent: true });
    await checkPage(page, 'customer-consent-given');
    await remote.getByRole('button', { name: 'Withdraw consent' }).click();
    await expect(remote.textContent()).resolves.toContain(
      'A support specialist may not look along remotely.',
    );
    await expect(ticketInTheDesk()).resolves.toMatchObject({ remoteSessionConsent: false });
    await checkPage(page, 'customer-consent-withdrawn');

    await api.call('POST', `/tickets/${ticketId}/reassessment/decision`, {
      accept: true,
      reason: 'Agreed: payroll',
    });
    await api.call('POST', `/tickets/${ticketId}/resolve`, { resolution: 'Restarted the tax service.' });
    await page.reload();
    await expect(status()).resolves.toBe('Resolved');
    await checkPage(page, 'customer-ticket-resolved');
    await expect(page.locator('.facts dd').nth(2).textContent()).resolves.toMatch(/^\s*P1:/);

    // Reopened with a reason; but first an agent changes the ticket while the page is open.
    await api.call('POST', `/tickets/${ticketId}/assignment`, { assigneeId: 'agent-2' });
    const reopen = page.getByRole('region', { name: 'Reopen' });
    await reopen.getByLabel('Why is it not solved?').fill('It hangs again since 3 am.');
    await reopen.getByRole('button', { name: 'Reopen' }).click();
    await expect(notice(page, 'alert')).resolves.toBe(
      'Someone else changed this in the meantime. We show you the latest version; your text is kept below, check it and send it again.',
    );
    await expect(reopen.getByLabel('Why is it not solved?').inputValue()).resolves.toBe(
      'It hangs again since 3 am.',
    );
    await expect(ticketInTheDesk()).resolves.toMatchObject({ status: 'resolved' });
    await checkPage(page, 'customer-reopen-conflict');
    await reopen.getByRole('button', { name: 'Reopen' }).click();
    await expect(notice(page, 'status')).resolves.toBe('The ticket is open again.');
    await expect(status()).resolves.toBe('Open');
    await expect(ticketInTheDesk()).resolves.toMatchObject({ status: 'open' });
    await checkPage(page, 'customer-ticket-reopened');

    // A file over the desk's limit (25 MiB) is refused by the desk with its reason; one over the
    // portal's own form limit (26 MiB) is refused unread, with the way back. Nothing is attached.
    const upload = async (bytes: number) => {
      await page.setInputFiles('#file', {
        name: 'screen-recording.mp4',
        mimeType: 'video/mp4',
        buffer: Buffer.alloc(bytes),
      });
      const answer = page.waitForResponse((r) => r.url().endsWith('/attachments'));
      await page.getByRole('button', { name: 'Upload' }).click();
      return (await answer).status();
    };
    await expect(upload(25 * 1024 * 1024 + 1)).resolves.toBe(422);
    await expect(notice(page, 'alert')).resolves.toBe(
      'The desk answered: Attachments may be at most 25 MiB.',
    );
    await checkPage(page, 'customer-attachment-refused');
    await expect(upload(27 * 1024 * 1024)).resolves.toBe(413);
    await expect(notice(page, 'alert')).resolves.toBe(
      'The file is too large. Make it smaller (or split it) and try again.',
    );
    await checkPage(page, 'customer-attachment-too-large');
    await page.getByRole('link', { name: 'Back' }).click();
    expect(new URL(page.url()).pathname).toBe(`/portal/tickets/${ticketId}`);
    await expect(page.getByText('No attachments.').count()).resolves.toBe(1);

    // Solved again, and this time the customer confirms it.
    await api.call('POST', `/tickets/${ticketId}/resolve`, { resolution: 'Replaced the tax tables.' });
    await page.reload();
    await page.getByRole('button', { name: 'Confirm the solution and close' }).click();
    await expect(notice(page, 'status')).resolves.toBe('The ticket is closed. Thank you.');
    await expect(status()).resolves.toBe('Closed');
    await expect(page.getByLabel('Add a comment').count()).resolves.toBe(0);
    await expect(ticketInTheDesk()).resolves.toMatchObject({ status: 'closed' });
    await checkPage(page, 'customer-ticket-closed');
  }, 120_000);
});
