import { loadMailReferenceSecret, verifyMessageId } from '@helpdesk/platform';
import { registerOrganisation, startTestApp, type TestApp } from '@helpdesk/testing';
import PostalMime from 'postal-mime';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contactsService } from '../../contacts/src/contacts.service';
import { ticketsService } from '../../tickets/src/tickets.service';
import { notificationsService } from '../src/notifications.service';
import { agent, aTicket, eventually } from './desk';

/** One process, embedded store, mail as .eml files: how `npm start` runs it. */
const desk = {
  ...notificationsService,
  name: 'standalone-desk',
  defaultMode: 'standalone' as const,
  features: [...contactsService.features, ...ticketsService.features, ...notificationsService.features],
};

describe('standalone: mail written to DATA_DIR/outbox', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'notifications-standalone-'));
  const outbox = join(dataDir, 'outbox');
  const start = () => startTestApp(desk, { MODE: 'standalone', DATA_DIR: dataDir });
  let app: TestApp;
  const emlFiles = () =>
    existsSync(outbox) ? readdirSync(outbox).filter((name) => name.endsWith('.eml')) : [];
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the confirmation once, and not again after a restart', async () => {
    app = await start();
    const { administrator: anna } = await registerOrganisation(app);
    const ticket = (
      await eventually(
        () => app.as(anna).post('/tickets').send(aTicket),
        (response) => response.status === 201,
      )
    ).body;

    const [file] = await eventually(
      async () => emlFiles().map((name) => ({ name })),
      (files) => files.length > 0,
    );
    const eml = readFileSync(join(outbox, file.name), 'utf8');
    expect(eml).toMatch(new RegExp(`^Subject: \\[${ticket.number}\\] Ontvangen`, 'm'));
    expect(eml).toMatch(/^To: .*anna@zorg\.example/m);
    // Long enough to be folded onto the next line: read it the way a mail client does.
    const { messageId } = await PostalMime.parse(eml);
    expect(messageId).toMatch(/^<[0-9a-f]{40}\.hd1\.[\w.-]+@helpdesk\.local>$/);
    // Signed with the development secret: a reply's In-Reply-To names this ticket, unforgeably.
    const secret = loadMailReferenceSecret({ allowDevelopmentSecret: true }, {});
    expect(verifyMessageId(messageId ?? '', secret)).toEqual({
      ticketId: ticket.id,
      recipientKey: `contact:${anna.id}`,
    });
    const written = statSync(join(outbox, file.name)).mtimeMs;
    const log = async () =>
      (await app.as(agent).get(`/notifications?ticket=${ticket.id}`).expect(200)).body.items;
    expect(await eventually(log, (items) => items[0]?.status === 'sent')).toHaveLength(1);

    await app.close();
    app = await start();
    // The restart replays every event in process; the delivery log knows what was sent.
    const [entry] = await eventually(log, (items) => items[0]?.status === 'sent');
    expect(entry).toMatchObject({ status: 'sent', attempts: 1, possiblyRepeated: false });
    expect(emlFiles()).toEqual([file.name]);
    expect(statSync(join(outbox, file.name)).mtimeMs).toBe(written);
  });
});
