import { eventually, registerOrganisation, startTestApp, type TestApp } from '@helpdesk/testing';
import { createTransport } from 'nodemailer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contactsService } from '../../contacts/src/contacts.service';
import { MailReceivers } from '../src/mail-in/mail-in.module';
import { ticketsService } from '../src/tickets.service';

const desk = {
  ...ticketsService,
  name: 'mail-in-smtp-desk',
  defaultMode: 'standalone' as const,
  features: [...contactsService.features, ...ticketsService.features],
};
const agent = { id: 'agent-1', role: 'agent' as const };

/** Over real SMTP: nodemailer sends to the desk's inbound listener. */
describe('mail in over SMTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mail-in-smtp-'));
  let app: TestApp;
  let send: ReturnType<typeof createTransport>['sendMail'];
  const log = async () => (await app.as(agent).get('/mail/inbound').expect(200)).body.items;

  beforeAll(async () => {
    app = await startTestApp(desk, {
      MODE: 'standalone',
      DATA_DIR: dataDir,
      MAIL_IN_SMTP_PORT: '0',
      MAIL_IN_ADDRESSES: 'support@vendor.example,helpdesk@vendor.example',
      MAIL_IN_MAX_RECIPIENTS: '1',
      MAIL_IN_MAX_BYTES: '200000',
    });
    const port = app.app.get(MailReceivers).smtpPort;
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    send = transport.sendMail.bind(transport);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('files a mail for a support address once, however often it is delivered', async () => {
    const { administrator: anna } = await registerOrganisation(app, 'Smtp');
    const mail = {
      from: 'anna@smtp.example',
      to: 'helpdesk@vendor.example',
      subject: 'Rapport faalt',
      text: 'Het rapport geeft een foutmelding.',
      messageId: '<smtp-1@mail.smtp.example>',
    };
    expect((await send(mail)).response).toMatch(/^250/);
    expect((await send(mail)).response).toMatch(/^250/);
    const [entry] = await eventually(log, (items) => items.length === 1);
    expect(entry).toMatchObject({ decision: 'ticket_registered', via: 'smtp', contactId: anna.id });
    const tickets = (await app.as(agent).get('/tickets').expect(200)).body.items;
    expect(tickets.filter((t: { subject: string }) => t.subject === 'Rapport faalt')).toHaveLength(1);
  });

  it('refuses other addresses, too many recipients and too large a mail in the SMTP dialogue', async () => {
    await expect(
      send({ from: 'a@b.example', to: 'someone@vendor.example', text: 'x' }),
    ).rejects.toMatchObject({
      responseCode: 550,
    });
    const tooMany = await send({
      from: 'a@b.example',
      to: ['support@vendor.example', 'helpdesk@vendor.example'],
      text: 'x',
      messageId: '<many@b.example>',
    });
    expect(tooMany.rejected).toEqual(['helpdesk@vendor.example']);
    expect((tooMany as { rejectedErrors?: unknown[] }).rejectedErrors?.[0]).toMatchObject({
      responseCode: 452,
    });
    await expect(
      send({ from: 'a@b.example', to: 'support@vendor.example', text: 'x'.repeat(300_000) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    // The copy for the one accepted address arrived: its headers still name two, so it waits for an agent.
    // The mail refused for its size is in the log too, though it was not kept.
    const entries = await eventually(log, (items) => items.length === 3);
    expect(entries.find((e: { messageId: string }) => e.messageId === '<many@b.example>')).toMatchObject({
      decision: 'quarantined',
      reason: expect.stringMatching(/2 recipients/),
    });
    expect(entries.find((e: { size: number }) => e.size > 200_000)).toMatchObject({
      from: 'a@b.example',
      decision: 'quarantined',
      reason: expect.stringMatching(/more than the 200000/),
    });
  });
});
