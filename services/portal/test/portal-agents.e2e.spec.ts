import { DEVELOPMENT_JWT_SECRET, signDevToken } from '@helpdesk/platform';
import { eventually } from '@helpdesk/testing';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPerson, screenshot, seriousAccessibilityViolations } from './browser';
import { startStandaloneDesk, type StandaloneDesk } from './desk-process';
import { LIVE_WAIT_MS, liveConnected, signIn } from './portal-pages';

const RELEASE = '9.9.0';

const token = (user: { id: string; role: 'agent' | 'customer_admin'; organisationId?: string }) =>
  signDevToken(DEVELOPMENT_JWT_SECRET, user);

const deskPost = async <T>(desk: StandaloneDesk, path: string, bearer: string, body: unknown) => {
  const response = await fetch(`${desk.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as T;
};

describe('the agents’ pages in the standalone desk: queue, workspace, live updates', () => {
  let desk: StandaloneDesk;
  let browser: Browser;
  let customer: { organisationId: string; id: string; token: string };

  beforeAll(async () => {
    [desk, browser] = await Promise.all([startStandaloneDesk(), launchBrowser()]);
    const organisation = await deskPost<{ id: string; administratorId: string }>(
      desk,
      '/organisations',
      await token({ id: 'agent-1', role: 'agent' }),
      {
        name: 'Zorg BV',
        slaPolicy: 'restore-time',
        administrator: { name: 'Anna de Vries', email: 'anna@zorg.example', language: 'en' },
      },
    );
    const inAMonth = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await deskPost(desk, '/releases', await token({ id: 'agent-1', role: 'agent' }), {
      version: RELEASE,
      plannedDate: inAMonth,
    });
    customer = {
      organisationId: organisation.id,
      id: organisation.administratorId,
      token: await token({
        id: organisation.administratorId,
        role: 'customer_admin',
        organisationId: organisation.id,
      }),
    };
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  const fileTicket = (subject: string) =>
    deskPost<{ id: string }>(desk, '/tickets', customer.token, {
      kind: 'error',
      subject,
      description: 'The export stops halfway.',
    });

  it('lets an agent find, triage and answer a customer’s ticket while the customer and the queue follow live', async () => {
    const first = await fileTicket('Export to Excel fails');

    const agent = await openPerson(browser);
    await signIn(agent, desk, 'agent-1@vendor.example');
    await agent.getByRole('link', { name: 'Queue' }).click();
    expect(new URL(agent.url()).pathname).toBe('/portal/agent/queue');
    await agent
      .getByRole('link', { name: /^HD-\d+$/ })
      .first()
      .waitFor();
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);
    await screenshot(agent, 'agent-queue');

    // The queue follows the desk: a ticket filed now appears without a reload.
    await liveConnected(agent, 'queue');
    await fileTicket('Printing labels is slow');
    await agent.getByRole('cell', { name: 'Printing labels is slow' }).waitFor({ timeout: LIVE_WAIT_MS });

    // Sorted by SLA due time unless asked otherwise: both clocks have one target, so the ticket
    // filed first is due first, above the one changed last (which the last-change sort puts on top).
    await expect(agent.getByLabel('Sort').inputValue()).resolves.toBe('slaDue');
    // Each ticket's clock reaches the queue as its own live change: wait for both due times.
    const queueNow = async () => ({
      order: await agent.locator('#live-queue tbody tr td:nth-child(2)').allTextContents(),
      dues: await agent
        .locator('#live-queue tbody tr td:nth-child(6) time')
        .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('datetime')!)),
    });
    const { order, dues } = await eventually(queueNow, (queue) => queue.dues.length === 2, LIVE_WAIT_MS);
    expect([...dues].sort()).toEqual(dues);
    // Filed outside business hours, both fall due at the same instant: then either may come first.
    if (dues[0] !== dues[1])
      expect(order.indexOf('Export to Excel fails')).toBeLessThan(order.indexOf('Printing labels is slow'));

    // Search by text narrows the queue to the customer's first ticket.
    await agent.getByLabel('Search by reference or text').fill('Excel');
    await agent.getByRole('button', { name: 'Filter' }).click();
    await expect(agent.getByRole('row').count()).resolves.toBe(2); // the header and one ticket
    const queueUrl = agent.url();
    await agent
      .getByRole('row', { name: /Export to Excel fails/ })
      .getByRole('link')
      .click();
    expect(new URL(agent.url()).pathname).toBe(`/portal/agent/tickets/${first.id}`);

    // Only what the lifecycle allows on a new ticket is offered: triage, no resolve.
    await expect(agent.getByRole('button', { name: 'Triage' }).count()).resolves.toBe(1);
    await expect(agent.getByRole('button', { name: 'Resolve' }).count()).resolves.toBe(0);
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);
    await screenshot(agent, 'agent-workspace-new');

    // A second tab keeps the filtered queue open to watch it change.
    const queue = await agent.context().newPage();
    await queue.goto(queueUrl);
    await liveConnected(queue, 'queue');

    // The customer's open ticket stream, through the customer's own portal session.
    const anna = await openPerson(browser, { phone: true });
    await signIn(anna, desk, 'anna@zorg.example');
    await anna.evaluate((ticketId) => {
      const seen: string[] = [];
      (globalThis as unknown as { seen: string[] }).seen = seen;
      new EventSource(`/portal/live/tickets/${ticketId}`).addEventListener('change', (event) =>
        seen.push((event as unknown as { data: string }).data),
      );
    }, first.id);

    await agent.getByLabel('Priority').selectOption('P3');
    await agent.getByRole('button', { name: 'Triage' }).click();
    await expect(agent.getByTestId('priority').textContent()).resolves.toBe('P3');
    await expect(agent.getByTestId('status').textContent()).resolves.toBe('Open');
    await expect(agent.getByRole('button', { name: 'Start work' }).count()).resolves.toBe(1);
    // The queue in the other tab shows the new priority by itself.
    await queue.getByRole('cell', { name: 'P3', exact: true }).waitFor({ timeout: LIVE_WAIT_MS });

    await agent.getByLabel('Internal note (agents only)').check();
    await agent.getByLabel('Comment').fill('Internal: the customer runs the old connector.');
    await agent.getByRole('button', { name: 'Add comment' }).click();
    await agent.getByText('Internal: the customer runs the old connector.').waitFor();
    await agent.getByLabel('Public answer (the customer reads it)').check();
    await agent.getByLabel('Comment').fill('Please update the connector to 4.2; that fixes the export.');
    await agent.getByRole('button', { name: 'Add comment' }).click();
    await agent.locator('.comment-public', { hasText: 'update the connector' }).waitFor();
    await expect(agent.locator('.comment-internal').count()).resolves.toBe(1);
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);
    await screenshot(agent, 'agent-workspace-answered');

    await anna.waitForFunction(
      () => (globalThis as unknown as { seen: string[] }).seen.some((e) => e.includes('connector to 4.2')),
      undefined,
      { timeout: LIVE_WAIT_MS },
    );
    const seen = await anna.evaluate(() => (globalThis as unknown as { seen: string[] }).seen);
    expect(seen.join('\n')).not.toContain('old connector');
    expect(seen.join('\n')).not.toContain('internal');

    // A fix goes into a planned release train, which then lists the ticket.
    const ticketNumber = (await agent.locator('h1').textContent())!.split(' · ')[0];
    const release = await agent.locator('#release option', { hasText: RELEASE }).getAttribute('value');
    await agent.locator('#release').selectOption(release!);
    await agent.getByRole('button', { name: 'Schedule the fix into this release' }).click();
    await expect(agent.getByTestId('status').textContent()).resolves.toBe('Fix scheduled');
    await agent.getByRole('link', { name: 'Release trains' }).click();
    await agent
      .getByRole('region', { name: 'Planned' })
      .getByRole('link', { name: ticketNumber })
      .waitFor({ timeout: LIVE_WAIT_MS });
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);
    await screenshot(agent, 'agent-release-trains');
    await agent.getByRole('link', { name: 'SLA board' }).click();
    await expect(agent.locator('h1').textContent()).resolves.toBe('SLA board');
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);
    await screenshot(agent, 'agent-sla-board');
    await agent.goto(`${desk.url}/portal/agent/tickets/${first.id}`);

    // The history links to the ticket as it was: before triage, without a priority, read only.
    await agent.locator('.history a').first().click();
    await expect(agent.getByTestId('priority').textContent()).resolves.toBe('Not yet assessed');
    await expect(agent.getByRole('button', { name: 'Triage' }).count()).resolves.toBe(0);
    await screenshot(agent, 'agent-workspace-as-of');
  }, 90_000);

  it('keeps the agents’ pages for agents, and speaks Dutch on a phone', async () => {
    const anna = await openPerson(browser);
    await signIn(anna, desk, 'anna@zorg.example');
    const refused = await anna.goto(`${desk.url}/portal/agent/queue`);
    expect(refused?.status()).toBe(403);
    const stream = await anna.goto(`${desk.url}/portal/live/queue`);
    expect(stream?.status()).toBe(403);

    const agent = await openPerson(browser, { phone: true });
    await signIn(agent, desk, 'agent-1@vendor.example');
    await agent.goto(`${desk.url}/portal/agent/queue`);
    await agent.getByRole('button', { name: 'Nederlands' }).click();
    await expect(agent.locator('h1').textContent()).resolves.toBe('Wachtrij');
    await expect(agent.getByLabel('Zoek op nummer of tekst').count()).resolves.toBe(1);
    expect(await seriousAccessibilityViolations(agent)).toEqual([]);
    await screenshot(agent, 'agent-queue-nl-phone');
  }, 60_000);
});
