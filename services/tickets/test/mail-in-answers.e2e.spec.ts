import { eventually, registerOrganisation, startTestApp, type TestApp } from '@helpdesk/testing';
import { createTransport } from 'nodemailer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { contactsService } from '../../contacts/src/contacts.service';
import { type ReceivedMail, startSmtpCatcher, type SmtpCatcher } from '@helpdesk/test-infra';
import { notificationsService } from '../../notifications/src/notifications.service';
import { MailReceivers } from '../src/mail-in/mail-in.module';
import { ticketsService } from '../src/tickets.service';

/** The whole desk in one process: mail comes in over real SMTP, and our mail leaves over real SMTP. */
const desk = {
  ...ticketsService,
  name: 'mail-in-answers-desk',
  defaultMode: 'standalone' as const,
  features: [...contactsService.features, ...ticketsService.features, ...notificationsService.features],
};
const agent = { id: 'agent-1', role: 'agent' as const };
const MB = 1024 * 1024;

interface Entry {
  mailId: string;
  messageId: string;
  from: string;
  decision: string;
  reason?: string;
  ticketId?: string;
  size: number;
  bounce?: { status: string };
}

describe('mail in: the answers it causes, over real SMTP both ways', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mail-in-answers-'));
  let app: TestApp;
  let catcher: SmtpCatcher;
  let send: ReturnType<typeof createTransport>['sendMail'];
  const log = async () =>
    (await app.as(agent).get('/mail/inbound?limit=100').expect(200)).body.items as Entry[];
  const decided = (messageId: string) =>
    eventually(log, (items) => items.some((i) => i.messageId === messageId)).then((items) =>
      items.find((i) => i.messageId === messageId)!,
    );
  const mailsTo = (address: string) => catcher.received.filter((m) => m.envelopeTo.includes(address));
  const headersOf = async (mail: ReceivedMail) => PostalMime.parse(mail.raw);

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    app = await startTestApp(desk, {
      MODE: 'standalone',
      DATA_DIR: dataDir,
      MAIL_IN_SMTP_PORT: '0',
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: catcher.url,
    });
    const port = app.app.get(MailReceivers).smtpPort;
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    send = transport.sendMail.bind(transport);
  });
  afterAll(async () => {
    await app?.close();
    await catcher?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let confirmation: ReceivedMail;
  let ticketId: string;

  it('confirms a ticket filed by mail in the sender’s own thread, and shows the mail in its history', async () => {
    const { administrator: anna } = await registerOrganisation(app, 'Draad');
    await send({
      from: 'Anna de Vries <anna@draad.example>',
      to: 'support@vendor.example',
      subject: 'Koppeling valt weg',
      text: 'Sinds vanochtend valt de koppeling steeds weg.',
      messageId: '<thread-1@mail.draad.example>',
    });
    const filed = await decided('<thread-1@mail.draad.example>');
    expect(filed).toMatchObject({ decision: 'ticket_registered' });
    ticketId = filed.ticketId!;
    [confirmation] = await eventually(
      async () => mailsTo('anna@draad.example'),
      (mails) => mails.length === 1,
    );
    const headers = await headersOf(confirmation);
    expect(headers.inReplyTo).toBe('<thread-1@mail.draad.example>');
    expect(headers.references).toContain('<thread-1@mail.draad.example>');
    expect(headers.references).toContain(`<ticket.${ticketId}@`);

    // A reply to the confirmation is a comment; both mails are in the ticket's history.
    await send({
      from: 'anna@draad.example',
      to: 'support@vendor.example',
      subject: `Re: ${confirmation.subject}`,
      text: 'Het gebeurt elke tien minuten.',
      messageId: '<thread-2@mail.draad.example>',
      inReplyTo: confirmation.messageId,
      references: [confirmation.messageId],
    });
    expect(await decided('<thread-2@mail.draad.example>')).toMatchObject({
      decision: 'comment_added',
      ticketId,
    });
    const history = async (who: typeof agent | typeof anna) =>
      (await app.as(who).get(`/tickets/${ticketId}/history`).expect(200)).body as {
        type: string;
        data: Record<string, unknown>;
      }[];
    const forAgent = await history(agent);
    const types = forAgent.map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['MailReceived', 'TicketRegistered']);
    expect(types[types.indexOf('CommentAdded') - 1]).toBe('MailReceived');
    expect(forAgent.filter((e) => e.type === 'MailReceived').map((e) => e.data)).toEqual([
      expect.objectContaining({ messageId: '<thread-1@mail.draad.example>', originalId: expect.any(String) }),
      expect.objectContaining({ messageId: '<thread-2@mail.draad.example>', decision: 'comment_added' }),
    ]);
    // The customer sees the mails they sent and what became of them, not where the desk keeps them.
    const forAnna = (await history(anna)).filter((e) => e.type === 'MailReceived');
    expect(forAnna).toHaveLength(2);
    expect(forAnna[0].data).toMatchObject({ from: 'anna@draad.example', decision: 'ticket_registered' });
    expect(forAnna[0].data).not.toHaveProperty('originalId');
  });

  it('answers a refused sender once, naming the administrators, and never an auto-reply', async () => {
    const { id: org, administrator: anna } = await registerOrganisation(app, 'Weigering');
    await app
      .as(anna)
      .post(`/organisations/${org}/contacts`)
      .send({ name: 'Bram Jansen', email: 'bram@weigering.example', language: 'en' })
      .expect(201);
    for (const n of [1, 2, 3])
      await send({
        from: 'bram@weigering.example',
        to: 'support@vendor.example',
        subject: `Printer ${n}`,
        text: 'It does not print.',
        messageId: `<bram-${n}@weigering.example>`,
      });
    await send({
      from: 'bram@weigering.example',
      to: 'support@vendor.example',
      subject: 'Out of office',
      text: 'Away until Monday.',
      messageId: '<bram-ooo@weigering.example>',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await send({
      from: 'stranger@elsewhere.example',
      to: 'support@vendor.example',
      subject: 'Hello',
      text: 'Can you help?',
      messageId: '<stranger-1@elsewhere.example>',
    });
    for (const n of [1, 2, 3])
      expect(await decided(`<bram-${n}@weigering.example>`)).toMatchObject({ decision: 'refused' });
    expect(await decided('<bram-ooo@weigering.example>')).toMatchObject({ decision: 'ignored' });
    const [answer] = await eventually(
      async () => mailsTo('bram@weigering.example'),
      (mails) => mails.length > 0,
    );
    expect(answer.subject).toBe('Not registered: Printer 1');
    expect(answer.raw).toContain('Anna de Vries');
    expect(answer.raw).toContain('anna@weigering.example');
    expect((await headersOf(answer)).inReplyTo).toBe('<bram-1@weigering.example>');
    const [toStranger] = await eventually(
      async () => mailsTo('stranger@elsewhere.example'),
      (mails) => mails.length > 0,
    );
    expect(toStranger.raw).toMatch(/not known to us/);
    // It went through the delivery log like every other mail, and only once.
    const delivered = await eventually(
      async () =>
        (await app.as(agent).get('/notifications?recipient=bram@weigering.example').expect(200)).body.items,
      (items: { status: string }[]) => items[0]?.status === 'sent',
    );
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      template: 'mail-refused',
      recipient: { email: 'bram@weigering.example' },
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(mailsTo('bram@weigering.example')).toHaveLength(1);
  });

  it('records a bounce on the notification it returns, and files nothing', async () => {
    const tickets = async () => (await app.as(agent).get('/tickets?limit=100').expect(200)).body.items.length;
    const before = await tickets();
    const returned = confirmation.raw.split(/\r?\n\r?\n/)[0];
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.draad.example>',
      'To: support@vendor.example',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn-1@mx.draad.example>',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="REPORT"',
      '',
      '--REPORT',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered to one or more recipients.',
      '',
      '--REPORT',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.draad.example',
      '',
      'Final-Recipient: rfc822; anna@draad.example',
      'Action: failed',
      'Status: 5.2.2',
      'Diagnostic-Code: smtp; 552 5.2.2 <anna@draad.example>: mailbox full',
      '',
      '--REPORT',
      'Content-Type: text/rfc822-headers',
      '',
      returned,
      '',
      '--REPORT--',
      '',
    ].join('\r\n');
    await send({
      envelope: { from: '', to: ['support@vendor.example'] },
      raw: dsn,
    });
    expect(await decided('<dsn-1@mx.draad.example>')).toMatchObject({
      decision: 'ignored',
      bounce: { status: '5.2.2', messageId: confirmation.messageId },
    });
    const [entry] = await eventually(
      async () => (await app.as(agent).get(`/notifications?ticket=${ticketId}`).expect(200)).body.items,
      (items: { messageId: string; status: string }[]) =>
        items.some((i) => i.messageId === confirmation.messageId && i.status === 'bounced'),
    ).then((items) => items.filter((i: { messageId: string }) => i.messageId === confirmation.messageId));
    expect(entry).toMatchObject({
      status: 'bounced',
      bounceStatus: '5.2.2',
      bounceDiagnostic: expect.stringMatching(/mailbox full/),
    });
    expect(await tickets()).toBe(before);
    expect(catcher.received.filter((m) => /mailer-daemon/i.test(m.envelopeTo.join()))).toEqual([]);
  });

  it('refuses a 50 MB mail with 552, logs it, and goes on receiving', async () => {
    // Raw, as a mail server relays it (nodemailer would take a minute to encode 50 MB of text).
    const line = 'x'.repeat(76) + '\r\n';
    const huge = Buffer.from(
      'From: anna@draad.example\r\nTo: support@vendor.example\r\nSubject: Het hele archief\r\n' +
        'Message-ID: <huge@mail.draad.example>\r\n\r\n' +
        line.repeat(Math.ceil((50 * MB) / line.length)),
    );
    await expect(
      send({ envelope: { from: 'anna@draad.example', to: ['support@vendor.example'] }, raw: huge }),
    ).rejects.toMatchObject({ responseCode: 552 });
    const [tooLarge] = await eventually(log, (items) =>
      items.some((i) => i.from === 'anna@draad.example' && i.decision === 'quarantined'),
    ).then((items) => items.filter((i) => i.from === 'anna@draad.example' && i.decision === 'quarantined'));
    expect(tooLarge.reason).toMatch(/more than the \d+ a mail may have/);
    expect(tooLarge.size).toBeGreaterThan(30 * MB);

    // 500 addresses in its headers: kept for an agent, nothing filed.
    const many = Array.from({ length: 500 }, (_, i) => `person${i}@draad.example`);
    await send({
      envelope: { from: 'anna@draad.example', to: ['support@vendor.example'] },
      from: 'anna@draad.example',
      to: ['support@vendor.example', ...many],
      subject: 'Aan iedereen',
      text: 'Hallo allemaal.',
      messageId: '<many@mail.draad.example>',
    });
    expect(await decided('<many@mail.draad.example>')).toMatchObject({
      decision: 'quarantined',
      reason: expect.stringMatching(/501 recipients/),
    });

    await send({
      from: 'anna@draad.example',
      to: 'support@vendor.example',
      subject: 'Nog een melding',
      text: 'Kleine vraag.',
      messageId: '<after-huge@mail.draad.example>',
    });
    expect(await decided('<after-huge@mail.draad.example>')).toMatchObject({ decision: 'ticket_registered' });
  }, 120_000);
});
