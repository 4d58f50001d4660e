import { personalFieldsOf } from './personal-fields';
import { contactSubject } from './sealed-value';
import { addressSubject, ticketTextSubject } from './ticket-subjects';

describe("the personal fields of the tickets' and the mail log's events", () => {
  it('keys an outside address by a hash of it, the same for any spelling, without the address', () => {
    const subject = addressSubject('It-Desk@Zorg.example ');
    expect(subject).toBe(addressSubject('it-desk@zorg.example'));
    expect(subject).toMatch(/^address:[0-9a-f]{64}$/);
    expect(subject).not.toContain('zorg');
    expect(addressSubject('other@zorg.example')).not.toBe(subject);
  });

  it("seals a description and each comment's body under their own text key", () => {
    expect(personalFieldsOf('TicketRegistered')!({ ticketId: 't-1' })).toEqual([
      { path: ['description'], subject: ticketTextSubject('t-1', 'description') },
    ]);
    expect(personalFieldsOf('CommentAdded')!({ ticketId: 't-1', commentId: 'cm-1' })).toEqual([
      { path: ['body'], subject: 'ticket-text:t-1/comment/cm-1' },
    ]);
  });

  it("seals an outside participant's address, and nothing of a contact participant", () => {
    const email = 'it-desk@zorg.example';
    for (const type of ['ParticipantAdded', 'ParticipantRemoved'])
      expect(personalFieldsOf(type)!({ participant: { email } })).toEqual([
        { path: ['participant', 'email'], subject: addressSubject(email) },
      ]);
    expect(personalFieldsOf('ParticipantAdded')!({ participant: { contactId: 'c-1' } })).toEqual([]);
  });

  it("seals a mail's sender under the contact's key when known, else the address's; and a bounce's recipient", () => {
    expect(personalFieldsOf('MailReceived')!({ from: 'bram@zorg.example', contactId: 'c-1' })).toEqual([
      { path: ['from'], subject: contactSubject('c-1') },
    ]);
    expect(
      personalFieldsOf('MailReceived')!({
        from: 'mailer-daemon@zorg.example',
        bounce: { recipient: 'gone@zorg.example' },
      }),
    ).toEqual([
      { path: ['from'], subject: addressSubject('mailer-daemon@zorg.example') },
      { path: ['bounce', 'recipient'], subject: addressSubject('gone@zorg.example') },
    ]);
    expect(personalFieldsOf('CommentRedacted')).toBeUndefined();
  });

  it("seals a message's address, name, subject and texts under its recipient's key; an agent's stay clear", () => {
    const paths = [['to', 'email'], ['to', 'name'], ['subject'], ['text'], ['html']];
    expect(personalFieldsOf('MessageQueued')!({ recipientKey: 'contact:c-1' })).toEqual(
      paths.map((path) => ({ path, subject: contactSubject('c-1') })),
    );
    const hash = addressSubject('it-desk@zorg.example').slice('address:'.length);
    expect(personalFieldsOf('MessageQueued')!({ recipientKey: `email:${hash}` })).toEqual(
      paths.map((path) => ({ path, subject: addressSubject('it-desk@zorg.example') })),
    );
    expect(personalFieldsOf('MessageQueued')!({ recipientKey: 'agent:agent-7' })).toEqual([]);
  });
});
