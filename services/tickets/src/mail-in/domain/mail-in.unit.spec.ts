import { decideMail, type MailFacts, type SenderContact } from './decide-mail';
import type { IncomingMail } from './incoming-mail';
import { noiseReason } from './noise';
import { headerInjectionReason, oversizeReason, recipientsReason } from './quarantine';
import { asksForReassessment } from './reassessment';
import { threadOf } from './threading';

const mail = (change: Partial<IncomingMail> = {}): IncomingMail => ({
  messageId: '<m1@zorg.example>',
  from: 'bram@zorg.example',
  to: ['support@vendor.example'],
  cc: [],
  subject: 'Export stopt',
  reply: 'De export stopt halverwege.',
  headers: {},
  references: [],
  ...change,
});
const bram: SenderContact = {
  contactId: 'bram',
  organisationId: 'zorg',
  organisationActive: true,
  role: 'customer_employee',
  active: true,
  authorised: true,
};
const ticket = {
  id: 't1',
  number: 'HD-00001',
  organisationId: 'zorg',
  reporterId: 'bram',
  participants: [],
  status: 'open' as const,
};
const facts = (change: Partial<MailFacts> = {}): MailFacts => ({
  mail: mail(),
  ownAddresses: ['support@vendor.example'],
  thread: { by: 'none' },
  senders: [bram],
  copied: [],
  administrators: () => [{ name: 'Anna de Vries', email: 'anna@zorg.example' }],
  ticketsFromSenderLastHour: 0,
  maxTicketsPerHour: 10,
  ...change,
});

describe('noise: no ticket and no answer', () => {
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, /Auto-Submitted/],
    [{ precedence: 'bulk' }, /Precedence/],
    [{ precedence: 'list' }, /Precedence/],
    [{ 'x-autoreply': 'yes' }, /x-autoreply/],
    [{ 'list-id': '<users.lists.example>' }, /mailing list/],
    [{ 'content-type': 'multipart/report; report-type=delivery-status' }, /delivery status/],
  ])('%j', (headers, reason) => {
    expect(noiseReason(mail({ headers }), [])).toMatch(reason);
  });

  it('a person writing is not noise, Auto-Submitted: no neither', () => {
    expect(noiseReason(mail({ headers: { 'auto-submitted': 'no' } }), [])).toBeUndefined();
  });

  it('our own mail and mailer daemons are', () => {
    expect(noiseReason(mail({ from: 'support@vendor.example' }), ['support@vendor.example'])).toMatch(/desk/);
    expect(noiseReason(mail({ from: 'mailer-daemon@mx.zorg.example' }), [])).toMatch(/delivery/);
  });
});

describe('threading', () => {
  const verify = (id: string) =>
    id === '<signed@helpdesk.local>' ? { ticketId: 't1', recipientKey: 'contact:bram' } : undefined;

  it('a signed reference in In-Reply-To or References names the ticket', () => {
    expect(threadOf(mail({ inReplyTo: '<signed@helpdesk.local>' }), verify)).toEqual({
      by: 'reference',
      ticketId: 't1',
      recipientKey: 'contact:bram',
    });
    expect(threadOf(mail({ references: ['<signed@helpdesk.local>', '<x@y>'] }), verify)).toMatchObject({
      ticketId: 't1',
    });
  });

  it('without one, the number in the subject; else nothing', () => {
    expect(
      threadOf(mail({ inReplyTo: '<forged@helpdesk.local>', subject: 'Re: [HD-00042] Export' }), verify),
    ).toEqual({
      by: 'subject',
      number: 'HD-00042',
    });
    expect(threadOf(mail({ subject: 'HD-00042 without brackets' }), verify)).toEqual({ by: 'none' });
  });
});

describe('who may write', () => {
  it('an authorised contact files a ticket; colleagues in Cc join it, strangers do not', () => {
    const colleague = { ...bram, contactId: 'carla' };
    const stranger = { ...bram, contactId: 'x', organisationId: 'other' };
    expect(decideMail(facts({ copied: [colleague, stranger, bram] }))).toEqual({
      decision: 'ticket_registered',
      sender: bram,
      participants: ['carla'],
    });
  });

  it('an unknown sender is refused and answered with nobody to ask', () => {
    expect(decideMail(facts({ senders: [] }))).toMatchObject({ decision: 'refused', answer: [] });
  });

  it('a contact not authorised is refused, naming the administrators', () => {
    expect(decideMail(facts({ senders: [{ ...bram, authorised: false }] }))).toMatchObject({
      decision: 'refused',
      reason: expect.stringMatching(/not authorised/),
      answer: [{ name: 'Anna de Vries', email: 'anna@zorg.example' }],
    });
  });

  it('a participant who is not authorised may still reply', () => {
    const participant = { ...bram, contactId: 'dirk', authorised: false };
    const verdict = decideMail(
      facts({ senders: [participant], ticket: { ...ticket, participants: [{ contactId: 'dirk' }] } }),
    );
    expect(verdict).toMatchObject({ decision: 'comment_added', ticket: { id: 't1' } });
  });

  it('a reply naming a ticket the sender may not see is not added to it', () => {
    const outsider = { ...bram, contactId: 'eve', organisationId: 'other' };
    expect(decideMail(facts({ senders: [outsider], ticket }))).toMatchObject({
      decision: 'ticket_registered',
    });
    const colleague = { ...bram, contactId: 'carla', authorised: false };
    expect(decideMail(facts({ senders: [colleague], ticket }))).toMatchObject({ decision: 'refused' });
  });

  it('a sender over the hourly limit is refused without an answer', () => {
    const verdict = decideMail(facts({ ticketsFromSenderLastHour: 10 }));
    expect(verdict).toMatchObject({ decision: 'refused', reason: expect.stringMatching(/at most 10/) });
    expect(verdict).not.toHaveProperty('answer');
  });

  it('noise is ignored even from the reporter of the ticket', () => {
    const verdict = decideMail(
      facts({ ticket, mail: mail({ headers: { 'auto-submitted': 'auto-replied' } }) }),
    );
    expect(verdict).toEqual({ decision: 'ignored', reason: 'Auto-Submitted: auto-replied' });
  });
});

describe('reassessment by reply (seed 003)', () => {
  it.each(['Please reassess the priority, we cannot work.', 'Kunt u de prioriteit herbeoordelen?'])(
    '"%s" asks for it',
    (reply) => {
      expect(asksForReassessment(reply)).toBe(true);
      expect(decideMail(facts({ ticket, mail: mail({ reply }) }))).toMatchObject({
        decision: 'reassessment_requested',
      });
    },
  );

  it('a plain reply is a comment, and a participant asking is a comment too', () => {
    expect(asksForReassessment('Thanks, the workaround helps.')).toBe(false);
    const participant = { ...bram, contactId: 'dirk' };
    const verdict = decideMail(
      facts({
        senders: [participant],
        ticket: { ...ticket, participants: [{ contactId: 'dirk' }] },
        mail: mail({ reply: 'please reassess' }),
      }),
    );
    expect(verdict).toMatchObject({ decision: 'comment_added' });
  });
});

describe('quarantine before reading', () => {
  const limits = { maxBytes: 1000, maxRecipients: 50 };
  it('too large, too many recipients, a line break in a header', () => {
    expect(oversizeReason(1001, limits)).toMatch(/more than the 1000/);
    expect(oversizeReason(1000, limits)).toBeUndefined();
    expect(recipientsReason(500, limits)).toMatch(/500 recipients/);
    expect(headerInjectionReason({ subject: 'Hi\r\nBcc: all@x' })).toMatch(/subject/);
    expect(headerInjectionReason({ subject: 'Hi' })).toBeUndefined();
  });
});
