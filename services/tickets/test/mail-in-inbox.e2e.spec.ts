import { loadMailReferenceSecret, signMessageId } from '@helpdesk/platform';
import { eventually, registerOrganisation, startTestApp, type TestApp } from '@helpdesk/testing';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contactsService } from '../../contacts/src/contacts.service';
import { ticketsService } from '../src/tickets.service';
import { composeMail } from './mail';

/** Standalone: `.eml` files dropped into DATA_DIR/inbox, decided and filed as their senders. */
const desk = {
  ...ticketsService,
  name: 'mail-in-desk',
  defaultMode: 'standalone' as const,
  features: [...contactsService.features, ...ticketsService.features],
};
const agent = { id: 'agent-1', role: 'agent' as const };
const secret = loadMailReferenceSecret({ allowDevelopmentSecret: true }, {});

describe('mail in, standalone: the DATA_DIR/inbox folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mail-in-'));
  const inbox = join(dataDir, 'inbox');
  let app: TestApp;
  let dropped = 0;
  const drop = async (raw: Buffer) =>
    writeFileSync(join(inbox, `${String(++dropped).padStart(3, '0')}.eml`), raw);
  const log = async (query = '') => (await app.as(agent).get(`/mail/inbound${query}`).expect(200)).body.items;
  const decided = (messageId: string) =>
    eventually(log, (items) => items.some((i: { messageId: string }) => i.messageId === messageId)).then(
      (items) => items.find((i: { messageId: string }) => i.messageId === messageId),
    );

  beforeAll(async () => {
    app = await startTestApp(desk, { MODE: 'standalone', DATA_DIR: dataDir, MAIL_IN_INBOX_POLL_MS: '200' });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('files a mail from an authorised contact as a ticket, and a reply to our mail as a public comment', async () => {
    const { administrator: anna } = await registerOrganisation(app);
    await drop(
      await composeMail({
        from: 'Anna de Vries <anna@zorg.example>',
        subject: 'Export stopt bij 50% — één keer per maand',
        text: 'De maandexport stopt halverwege.\n\n-- \nAnna de Vries\nZorg BV',
        html: '<p>De maandexport stopt <b>halverwege</b>.</p>',
        messageId: '<new-1@mail.zorg.example>',
      }),
    );
    const filed = await decided('<new-1@mail.zorg.example>');
    expect(filed).toMatchObject({
      decision: 'ticket_registered',
      from: 'anna@zorg.example',
      contactId: anna.id,
      via: 'inbox',
    });
    const ticket = (await app.as(anna).get(`/tickets/${filed.ticketId}`).expect(200)).body;
    expect(ticket).toMatchObject({ number: filed.number, channel: 'email', reporterId: anna.id });
    expect(ticket.subject).toBe('Export stopt bij 50% — één keer per maand');
    expect(ticket.attachments).toEqual([expect.objectContaining({ contentType: 'message/rfc822' })]);
    expect(readdirSync(join(inbox, 'done'))).toContain('001.eml');

    // Our confirmation's Message-ID, as the notifications service signs it.
    const ours = signMessageId(
      '<c0ffee@helpdesk.local>',
      { ticketId: filed.ticketId, recipientKey: `contact:${anna.id}` },
      secret,
    );
    const reply = await composeMail({
      from: 'anna@zorg.example',
      subject: `Re: [${filed.number}] Ontvangen`,
      text: `Het gebeurt ook bij de weekexport.\n\nOn Mon, 30 Nov 2026 at 10:00, Helpdesk <support@vendor.example> wrote:\n> Wij hebben uw melding ontvangen\n> onder nummer ${filed.number}.\n`,
      messageId: '<reply-1@mail.zorg.example>',
      inReplyTo: ours,
      references: [ours],
    });
    await drop(reply);
    await drop(reply); // delivered twice
    expect(await decided('<reply-1@mail.zorg.example>')).toMatchObject({
      decision: 'comment_added',
      ticketId: filed.ticketId,
    });
    await eventually(
      async () => readdirSync(join(inbox, 'done')).length,
      (n) => n === 3,
    );
    const comments = (await app.as(anna).get(`/tickets/${filed.ticketId}`).expect(200)).body.comments;
    expect(comments).toEqual([
      expect.objectContaining({
        body: 'Het gebeurt ook bij de weekexport.',
        visibility: 'public',
        authorId: anna.id,
      }),
    ]);
    expect(
      (await log(`?ticket=${filed.ticketId}`)).map((i: { decision: string }) => i.decision).sort(),
    ).toEqual(['comment_added', 'ticket_registered']);
  });

  it('refuses an unknown sender, ignores auto-replies, quarantines what it cannot read; files nothing', async () => {
    const before = (await app.as(agent).get('/tickets').expect(200)).body.items.length;
    await drop(
      await composeMail({
        from: 'eve@elsewhere.example',
        subject: 'Hallo',
        text: 'Help',
        messageId: '<eve-1@elsewhere.example>',
      }),
    );
    await drop(
      await composeMail({
        from: 'anna@zorg.example',
        subject: 'Afwezig',
        text: 'Ik ben afwezig tot maandag.',
        messageId: '<ooo-1@mail.zorg.example>',
        headers: { 'Auto-Submitted': 'auto-replied' },
      }),
    );
    await drop(Buffer.from('this is not a mail at all\r\n'));
    expect(await decided('<eve-1@elsewhere.example>')).toMatchObject({
      decision: 'refused',
      reason: expect.stringMatching(/not a contact/),
    });
    expect(await decided('<ooo-1@mail.zorg.example>')).toMatchObject({
      decision: 'ignored',
      reason: 'Auto-Submitted: auto-replied',
    });
    const [quarantined] = await eventually(
      () => log('?decision=quarantined'),
      (items) => items.length === 1,
    );
    expect(quarantined.reason).toMatch(/malformed MIME/);
    expect((await app.as(agent).get('/tickets').expect(200)).body.items).toHaveLength(before);
  });

  it('decides a refused mail again once an administrator authorised its sender', async () => {
    const { id: org, administrator: anna } = await registerOrganisation(app, 'Kliniek');
    const bram = (
      await app
        .as(anna)
        .post(`/organisations/${org}/contacts`)
        .send({ name: 'Bram Jansen', email: 'bram@kliniek.example', language: 'nl' })
        .expect(201)
    ).body;
    await drop(
      await composeMail({
        from: 'bram@kliniek.example',
        subject: 'Printer',
        text: 'Hij print niet.',
        messageId: '<bram-1@kliniek.example>',
      }),
    );
    const refused = await decided('<bram-1@kliniek.example>');
    expect(refused).toMatchObject({
      decision: 'refused',
      reason: expect.stringMatching(/not authorised/),
      contactId: bram.id,
    });
    // Decided again before anything changed, it stays refused.
    const still = await app.as(agent).post(`/mail/inbound/${refused.mailId}/reprocess`).expect(200);
    expect(still.body).toMatchObject({ decision: 'refused' });

    await app.as(anna).post(`/contacts/${bram.id}/authorisation`).expect(200);
    const again = await eventually(
      async () => (await app.as(agent).post(`/mail/inbound/${refused.mailId}/reprocess`)).body,
      (body) => body.decision === 'ticket_registered',
    );
    expect(again).toMatchObject({ mailId: refused.mailId, contactId: bram.id, via: 'inbox' });
    // Decided now: a second request is refused, the ticket filed once.
    await app.as(agent).post(`/mail/inbound/${refused.mailId}/reprocess`).expect(409);
    expect((await app.as(agent).get(`/tickets/${again.ticketId}`).expect(200)).body.reporterId).toBe(bram.id);

    // Bram names Zorg's first ticket in his subject: it is not added there, but filed as his own.
    const zorgs = (await app.as(agent).get('/tickets?limit=100').expect(200)).body.items.find(
      (t: { number: string }) => t.number === 'HD-00001',
    );
    await drop(
      await composeMail({
        from: 'bram@kliniek.example',
        subject: 'Re: [HD-00001] Export',
        text: 'Ik lees mee.',
        messageId: '<bram-2@kliniek.example>',
      }),
    );
    const forged = await decided('<bram-2@kliniek.example>');
    expect(forged).toMatchObject({ decision: 'ticket_registered', organisationId: org });
    expect(forged.ticketId).not.toBe(zorgs.id);
    expect((await app.as(agent).get(`/tickets/${zorgs.id}`).expect(200)).body.comments).toHaveLength(1);
  });

  it('answers bad input to the mail log with problem+json naming the field', async () => {
    const response = await app.as(agent).get('/mail/inbound?ticket=HD-1').expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'ticket' })]);
    await app.as(agent).post('/mail/inbound/xyz/reprocess').expect(400);
    await app.as({ id: 'c', role: 'customer_admin', organisationId: 'o' }).get('/mail/inbound').expect(403);
  });
});
