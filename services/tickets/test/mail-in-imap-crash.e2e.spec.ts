import {
  buildWorkspace,
  distributedTestSettings,
  eventually,
  freePort,
  seedOrganisations,
  type ServiceProcess,
  spawnService,
  startTestApp,
  TEST_JWT_SECRET,
  testToken,
} from '@helpdesk/testing';
import { TicketsOrganisationDirectory } from '../src/consumers/organisation-directory';
import { ticketsService } from '../src/tickets.service';
import { composeMail, imapFolder } from './mail';
import { agent, organisations, reporter } from './people';

const MAIN = 'services/tickets/src/main.js';
const FOLDER = 'Crash';
const MAILS = 40;
const compose = (n: number) =>
  composeMail({
    // The reporter's address as seedOrganisations gives it.
    from: `${reporter.id}@org-a.example`,
    subject: `Crash melding ${n}`,
    text: `Melding nummer ${n}.`,
    messageId: `<crash-${n}@org-a.example>`,
  });

interface Entry {
  messageId: string;
  decision: string;
  decisions: number;
}

/**
 * The tickets service as its own process, reading a batch of mail over IMAP (Dovecot, a folder
 * of its own), killed with SIGKILL half-way through the batch: after a restart every message is
 * filed exactly once and all are marked seen.
 */
describe('kill -9 of the desk mid-fetch over IMAP', () => {
  const { url: folderUrl, mailbox, open } = imapFolder(FOLDER);
  let settings: Record<string, string>;
  let desk: ServiceProcess | undefined;
  const token = testToken(agent);

  beforeAll(async () => {
    buildWorkspace();
    await open();
    settings = {
      ...(await distributedTestSettings('mail_in_imap_crash')),
      IMAP_URL: folderUrl,
      MAIL_IN_INBOX_POLL_MS: '300',
      MAIL_IN_TICKETS_PER_HOUR: '1000',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
    };
    // Its directory of organisations, as the contacts service's events would have left it.
    const seeding = await startTestApp(ticketsService, settings);
    await seedOrganisations(seeding.app.get(TicketsOrganisationDirectory).views, organisations);
    await seeding.close();
  });
  afterAll(async () => {
    if (desk && desk.child.exitCode === null) {
      desk.child.kill('SIGTERM');
      await desk.exited;
    }
    await mailbox.logout();
  });

  const start = async () => {
    const port = await freePort();
    const child = spawnService(MAIN, { ...settings, PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    await child.answers('/health/live', base, 180_000).catch((error: Error) => {
      throw new Error(`${error.message}:\n${child.stdout.slice(-15).join('\n')}\n${child.stderr()}`);
    });
    return { child, base };
  };
  const get = async (base: string, path: string) => {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return response.ok ? ((await response.json()) as { items: unknown[] }).items : [];
  };

  it('files every message of the batch exactly once after a restart', async () => {
    for (let n = 1; n <= MAILS; n++) await mailbox.append(FOLDER, await compose(n));
    const first = await start();
    desk = first.child;
    // Killed while it is reading the batch: some filed, some not yet.
    const before = await eventually(
      async () => (await get(first.base, '/mail/inbound?limit=200')) as Entry[],
      (items) => items.length >= 3,
      90_000,
    );
    first.child.child.kill('SIGKILL');
    expect(await first.child.exited).toBe('SIGKILL');
    expect(before.length).toBeLessThan(MAILS);
    console.log(`kill -9 mid-fetch: ${before.length} of ${MAILS} mails were in the mail log at the kill`);

    const second = await start();
    desk = second.child;
    const entries = await eventually(
      async () => (await get(second.base, '/mail/inbound?limit=200')) as Entry[],
      (items) => items.length >= MAILS,
      90_000,
    );
    expect(entries).toHaveLength(MAILS);
    expect(new Set(entries.map((e) => e.messageId)).size).toBe(MAILS);
    // Named when one fails: each entry filed a ticket, decided once.
    expect(entries.filter((e) => e.decision !== 'ticket_registered' || e.decisions !== 1)).toEqual([]);
    const tickets = (await eventually(
      async () => (await get(second.base, '/tickets?limit=100')) as { subject: string }[],
      (items) => items.filter((t) => t.subject.startsWith('Crash melding')).length >= MAILS,
    )) as { subject: string }[];
    const subjects = tickets.map((t) => t.subject).filter((s) => s.startsWith('Crash melding'));
    expect(subjects).toHaveLength(MAILS);
    expect(new Set(subjects).size).toBe(MAILS);
    await eventually(
      async () => (await mailbox.search({ seen: false }, { uid: true })) || [],
      (unseen) => unseen.length === 0,
    );
  }, 600_000);
});
