import type { MailReceived, Organisation } from '@helpdesk/contracts';
import { answerRefusedMail } from './mail-refusal';

const refused: MailReceived['data'] = {
  mailId: 'a'.repeat(32),
  messageId: '<m1@zorg.example>',
  from: 'bram@zorg.example',
  subject: 'Export stopt',
  via: 'smtp',
  decision: 'refused',
  reason: 'bram@zorg.example is not authorised to file tickets for their organisation',
  contactId: 'c-bram',
  organisationId: 'org-zorg',
  originalId: 'x',
  size: 100,
  at: '2026-11-20T09:12:01.000Z',
  answerSender: true,
};
const contact = (id: string, role: 'customer_admin' | 'customer_employee', active = true) => ({
  id,
  name: id === 'c-anna' ? 'Anna de Vries' : 'Bram Jansen',
  email: `${id}@zorg.example`,
  role,
  active,
  authorised: role === 'customer_admin',
  language: 'nl' as const,
});
const zorg = {
  status: 'active',
  id: 'org-zorg',
  name: 'Zorg BV',
  language: 'nl',
  contacts: {
    'c-anna': contact('c-anna', 'customer_admin'),
    'c-bram': contact('c-bram', 'customer_employee'),
    'c-old': contact('c-old', 'customer_admin', false),
  },
} as unknown as Organisation;

describe('the answer to a refused mail', () => {
  it('names the active administrators, in the sender’s language, answering their mail', () => {
    const answer = answerRefusedMail({ eventId: 'e1', mail: refused, organisation: zorg })!;
    expect(answer).toMatchObject({
      template: 'mail-refused',
      to: { email: 'bram@zorg.example', language: 'nl', name: 'Bram Jansen' },
      inReplyTo: '<m1@zorg.example>',
      data: {
        organisationName: 'Zorg BV',
        yourSubject: 'Export stopt',
        administrators: [{ name: 'Anna de Vries', email: 'c-anna@zorg.example' }],
      },
    });
    expect(answer).not.toHaveProperty('ticketId');
  });

  it('is one a day per sender: every refused mail of that day has the same key', () => {
    const first = answerRefusedMail({ eventId: 'e1', mail: refused, organisation: zorg })!;
    const later = answerRefusedMail({
      eventId: 'e2',
      mail: {
        ...refused,
        mailId: 'b'.repeat(32),
        messageId: '<m2@zorg.example>',
        at: '2026-11-20T17:00:00Z',
      },
      organisation: zorg,
    })!;
    const nextDay = answerRefusedMail({
      eventId: 'e3',
      mail: { ...refused, at: '2026-11-21T08:00:00.000Z' },
      organisation: zorg,
    })!;
    expect(later.dedupeKey).toBe(first.dedupeKey);
    expect(later.messageId).toBe(first.messageId);
    expect(nextDay.dedupeKey).not.toBe(first.dedupeKey);
  });

  it('tells an unknown address in English that it is not known, naming nobody', () => {
    const answer = answerRefusedMail({
      eventId: 'e1',
      mail: { ...refused, from: 'x@elsewhere.example', contactId: undefined, organisationId: undefined },
    })!;
    expect(answer).toMatchObject({ to: { email: 'x@elsewhere.example', language: 'en' } });
    expect(answer.data).toEqual({ yourSubject: 'Export stopt', administrators: [] });
  });

  it('is not written where the mail log asks for none (over the hourly limit) or for other decisions', () => {
    expect(
      answerRefusedMail({ eventId: 'e1', mail: { ...refused, answerSender: undefined } }),
    ).toBeUndefined();
    expect(
      answerRefusedMail({ eventId: 'e1', mail: { ...refused, decision: 'ignored' }, organisation: zorg }),
    ).toBeUndefined();
  });
});
