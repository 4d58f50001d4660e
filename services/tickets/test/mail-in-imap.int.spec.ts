import { eventually, registerOrganisation, startTestApp, type TestApp } from '@helpdesk/testing';
import { ImapFlow } from 'imapflow';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contactsService } from '../../contacts/src/contacts.service';
import { ticketsService } from '../src/tickets.service';
import { composeMail } from './mail';

const desk = {
  ...ticketsService,
  name: 'mail-in-imap-desk',
  defaultMode: 'standalone' as const,
  features: [...contactsService.features, ...ticketsService.features],
};
const agent = { id: 'agent-1', role: 'agent' as const };
/** Against the real Dovecot `npm run infra:up` starts (IMAP_URL in .infra/env). */
describe('mail in over IMAP', () => {
  const url = process.env.IMAP_URL;
  if (!url) throw new Error('IMAP_URL is not set: run `npm run infra:up` (it starts Dovecot)');
  const dataDir = mkdtempSync(join(tmpdir(), 'mail-in-imap-'));
  const mailbox = new ImapFlow({
    host: new URL(url).hostname,
    port: Number(new URL(url).port),
    secure: false,
    auth: { user: new URL(url).username, pass: new URL(url).password },
    logger: false,
  });
  let app: TestApp;
  const start = () =>
    startTestApp(desk, {
      MODE: 'standalone',
      DATA_DIR: dataDir,
      IMAP_URL: url,
      MAIL_IN_INBOX_POLL_MS: '500',
    });
  const log = async () => (await app.as(agent).get('/mail/inbound').expect(200)).body.items;
  const unseen = async () => (await mailbox.search({ seen: false }, { uid: true })) || [];

  beforeAll(async () => {
    await mailbox.connect();
    await mailbox.mailboxOpen('INBOX');
    await mailbox.messageDelete('1:*').catch(() => undefined);
    app = await start();
  });
  afterAll(async () => {
    await app?.close();
    await mailbox.logout();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('files a new mail once though it is in the mailbox twice, ignores an auto-reply, marks all seen', async () => {
    const { administrator: anna } = await registerOrganisation(app, 'Imap');
    const mail = await composeMail({
      from: 'anna@imap.example',
      subject: 'Koppeling met het EPD werkt niet',
      text: 'Sinds vanochtend komen er geen berichten binnen.',
      messageId: '<imap-1@mail.imap.example>',
    });
    await mailbox.append('INBOX', mail);
    await mailbox.append('INBOX', mail);
    await mailbox.append(
      'INBOX',
      await composeMail({
        from: 'anna@imap.example',
        subject: 'Out of office',
        text: 'Away',
        messageId: '<ooo@imap.example>',
        headers: { 'Auto-Submitted': 'auto-replied' },
      }),
    );
    const entries = await eventually(log, (items) => items.length === 2);
    expect(entries.map((e: { decision: string }) => e.decision).sort()).toEqual([
      'ignored',
      'ticket_registered',
    ]);
    expect(entries.find((e: { decision: string }) => e.decision === 'ticket_registered')).toMatchObject({
      via: 'imap',
      contactId: anna.id,
    });
    await eventually(unseen, (uids) => uids.length === 0);
    const tickets = (await app.as(agent).get('/tickets').expect(200)).body.items;
    expect(
      tickets.filter((t: { subject: string }) => t.subject === 'Koppeling met het EPD werkt niet'),
    ).toHaveLength(1);
  });

  it('after a restart takes what came meanwhile, once, and nothing it took before', async () => {
    await app.close();
    await mailbox.append(
      'INBOX',
      await composeMail({
        from: 'anna@imap.example',
        subject: 'Tweede melding',
        text: 'Nog iets.',
        messageId: '<imap-2@mail.imap.example>',
      }),
    );
    app = await start();
    const entries = await eventually(log, (items) => items.length === 3);
    expect(entries[0]).toMatchObject({
      messageId: '<imap-2@mail.imap.example>',
      decision: 'ticket_registered',
    });
    await eventually(unseen, (uids) => uids.length === 0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await log()).toHaveLength(3);
  });
});
