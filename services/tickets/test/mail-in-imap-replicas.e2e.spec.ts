import {
  distributedTestSettings,
  eventually,
  seedOrganisations,
  startTestApp,
  type TestApp,
} from '@helpdesk/testing';
import { TicketsOrganisationDirectory } from '../src/consumers/organisation-directory';
import { MailReceivers } from '../src/mail-in/mail-in.module';
import { ticketsService } from '../src/tickets.service';
import { composeMail, imapFolder } from './mail';
import { agent, organisations, reporter } from './people';

const FOLDER = 'Replicas';
const MAILS = 12;
const compose = (n: number) =>
  composeMail({
    // The reporter's address as seedOrganisations gives it.
    from: `${reporter.id}@org-a.example`,
    subject: `Replica melding ${n}`,
    text: `Melding nummer ${n}.`,
    messageId: `<replica-${n}@org-a.example>`,
  });

/**
 * Two replicas of the tickets service configured with the same mailbox (in a folder of its own
 * on the Dovecot `npm run infra:up` starts): only the holder of its lease reads it, and when the
 * holder goes the other takes over.
 */
describe('IMAP read under a lease by two replicas', () => {
  const { url: folderUrl, mailbox, open } = imapFolder(FOLDER);
  let replicas: TestApp[] = [];
  const holders = () => replicas.filter((r) => r.app.get(MailReceivers).imapLease?.held);
  const log = async () =>
    (await replicas[replicas.length - 1].as(agent).get('/mail/inbound?limit=100').expect(200)).body.items as {
      messageId: string;
      decision: string;
      reason?: string;
      decisions: number;
    }[];

  beforeAll(async () => {
    await open();
    const settings = {
      ...(await distributedTestSettings('mail_in_imap_replicas')),
      IMAP_URL: folderUrl,
      MAIL_IN_INBOX_POLL_MS: '300',
      MAIL_IN_TICKETS_PER_HOUR: '100',
      LEASE_TTL_MS: '3000',
      LEASE_RENEW_MS: '1000',
    };
    replicas = [await startTestApp(ticketsService, settings), await startTestApp(ticketsService, settings)];
    for (const replica of replicas)
      await seedOrganisations(replica.app.get(TicketsOrganisationDirectory).views, organisations);
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await mailbox.logout();
  });

  it('one replica reads the mailbox; each mail is filed once', async () => {
    await eventually(
      async () => holders(),
      (held) => held.length === 1,
    );
    for (let n = 1; n <= MAILS; n++) await mailbox.append(FOLDER, await compose(n));
    const entries = await eventually(log, (items) => items.length === MAILS);
    expect(entries.map((e) => [e.decision, e.reason, e.decisions])).toEqual(
      entries.map(() => ['ticket_registered', undefined, 1]),
    );
    expect(holders()).toHaveLength(1);
    const tickets = (await replicas[0].as(agent).get('/tickets?limit=100').expect(200)).body.items;
    expect(tickets.filter((t: { subject: string }) => t.subject.startsWith('Replica melding'))).toHaveLength(
      MAILS,
    );
  });

  it('when the reader goes, the other replica takes the mailbox over', async () => {
    const [holder] = holders();
    await holder.close();
    replicas = replicas.filter((r) => r !== holder);
    await eventually(
      async () => holders(),
      (held) => held.length === 1,
    );
    await mailbox.append(FOLDER, await compose(MAILS + 1));
    const entries = await eventually(log, (items) => items.length === MAILS + 1);
    expect(entries.find((e) => e.messageId === `<replica-${MAILS + 1}@org-a.example>`)).toMatchObject({
      decision: 'ticket_registered',
    });
  });
});
