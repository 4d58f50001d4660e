import type { TicketEvent } from '@helpdesk/contracts';
import { type RecipientDirectory, recipientKey } from './recipients';
import {
  agent,
  colleague,
  command,
  directory,
  example,
  itDesk,
  reporter,
  reporterAnswers,
  ticket,
} from './testing/notification.fixtures';
import type { AudienceState } from './ticket-audience';
import { contactsToLookUp, decideTicketNotifications } from './ticket-notifications';

const decide = (before: AudienceState, events: TicketEvent[], people: RecipientDirectory = directory) =>
  decideTicketNotifications({ events: command(...events), before, directory: people });

const told = (before: AudienceState, events: TicketEvent[], people?: RecipientDirectory) =>
  decide(before, events, people).messages.map(({ to, template }) => ({ to: to.email, template }));

const everyone = ['anna@zorg.example', 'bram@zorg.example', itDesk];
// A bare address is keyed by its hash: the key is written in clear into the delivery log.
const itDeskKey = recipientKey({ email: itDesk });

describe('registration', () => {
  it('confirms to the reporter with the reference, in their language', () => {
    const [confirmation, ...others] = decide(undefined, [example('TicketRegistered')]).messages;
    expect(others).toEqual([]);
    expect(confirmation).toMatchObject({
      template: 'ticket-registered',
      to: { recipient: { contactId: reporter }, email: 'anna@zorg.example', language: 'nl' },
      data: { ticket: { number: 'HD-00042' }, recipientName: 'Anna de Vries', isOutage: false },
      dedupeKey: 'request-1-event-0/contact:contact-42',
    });
  });

  it('answers the mail the ticket was filed from, in its thread', () => {
    const [fromMail] = decide(undefined, [
      example('TicketRegistered', { channel: 'email', receivedMail: { messageId: '<m1@zorg.example>' } }),
    ]).messages;
    expect(fromMail).toMatchObject({ template: 'ticket-registered', inReplyTo: '<m1@zorg.example>' });
    const [fromPortal] = decide(undefined, [example('TicketRegistered')]).messages;
    expect(fromPortal).not.toHaveProperty('inReplyTo');
  });

  it('advises the reporter of an outage to phone the hotline as well', () => {
    const [confirmation] = decide(undefined, [example('TicketRegistered', { kind: 'outage' })]).messages;
    expect(confirmation.data).toMatchObject({ isOutage: true });
  });

  it('confirms even when an agent registered it on the caller’s behalf', () => {
    const byPhone = example('TicketRegistered', { channel: 'phone', by: agent });
    expect(told(undefined, [byPhone])).toEqual([{ to: 'anna@zorg.example', template: 'ticket-registered' }]);
  });
});

describe('changes the customer side is told about', () => {
  it('a status change goes to the reporter and everyone involved', () => {
    const { messages } = decide(ticket(), [example('WorkStarted')]);
    expect(messages.map((m) => m.to.email)).toEqual(everyone);
    expect(messages[0].data).toMatchObject({ status: { from: 'open', to: 'in_progress' } });
  });

  it('a priority change goes to the reporter and everyone involved, with the reason', () => {
    const { messages } = decide(ticket(), [example('PriorityChanged')]);
    expect(messages.map((m) => m.to.email)).toEqual(everyone);
    expect(messages[0].data).toMatchObject({
      priority: { from: 'P2', to: 'P1', reason: 'All users affected' },
    });
  });

  it('triage tells both the new status and the first priority', () => {
    const registered = decide(undefined, [example('TicketRegistered')]).after;
    const [message] = decide(registered, [example('TicketTriaged')]).messages;
    expect(message.data).toMatchObject({ status: { from: 'new', to: 'open' }, priority: { to: 'P2' } });
  });

  it('a public comment goes to everyone but its author', () => {
    expect(told(ticket(), [example('CommentAdded')]).map((m) => m.to)).toEqual(everyone);
    const byColleague = example('CommentAdded', { by: colleague, authorRole: 'customer_employee' });
    const { messages } = decide(ticket(), [byColleague]);
    expect(messages.map((m) => m.to.email)).toEqual(['anna@zorg.example', itDesk]);
    expect(messages[0].data).toMatchObject({ comment: { fromSupport: false, authorName: 'Bram Jansen' } });
  });

  it('an internal comment goes to nobody', () => {
    expect(told(ticket(), [example('CommentAdded', { visibility: 'internal' })])).toEqual([]);
  });

  it('a shipped fix goes to everyone, once with the resolution it brings', () => {
    const { messages } = decide(ticket(example('FixScheduled')), [
      example('FixReleased'),
      example('TicketResolved', { at: example('FixReleased').data.at, by: 'system' }),
    ]);
    expect(messages.map((m) => m.to.email)).toEqual(everyone);
    expect(messages[0].data).toMatchObject({
      fixReleased: { version: '2026.12.08' },
      status: { from: 'fix_scheduled', to: 'resolved', resolution: 'Fixed in 2026.12.08.' },
    });
  });

  it('a fix moved to another release is news although the status stays', () => {
    const moved = example('FixScheduled', { plannedDate: '2026-12-22', version: '2026.12.22' });
    const [message] = decide(ticket(example('FixScheduled')), [moved]).messages;
    expect(message.data).toMatchObject({ status: { to: 'fix_scheduled', fix: { version: '2026.12.22' } } });
  });

  it('is not told to whoever made the change', () => {
    const closedByReporter = example('TicketClosed', { by: reporter });
    expect(told(ticket(example('TicketResolved')), [closedByReporter]).map((m) => m.to)).toEqual([
      'bram@zorg.example',
      itDesk,
    ]);
  });

  it('several events of one command make one message per recipient', () => {
    const waiting = ticket(example('WaitingForCustomer'));
    const { messages } = decide(waiting, reporterAnswers());
    expect(messages.map((m) => m.to.email)).toEqual(['bram@zorg.example', itDesk]);
    expect(messages[0].data).toMatchObject({
      comment: { body: 'We use Firefox.', authorName: 'Anna de Vries' },
      status: { from: 'waiting_for_customer', to: 'in_progress' },
    });
    expect(new Set(messages.map((m) => m.eventId))).toEqual(new Set(['request-1-event-0']));
  });

  it.each([
    ['an assignment', example('TicketAssigned')],
    ['an attachment', example('AttachmentAdded')],
    ['a new participant', example('ParticipantAdded')],
    ['a reassessment request', example('ReassessmentRequested')],
    ['remote session consent', example('RemoteSessionConsentGiven')],
  ])('%s is not mailed', (_, event) => {
    expect(told(ticket(), [event])).toEqual([]);
  });
});

describe('a command handled one event at a time (as the consumer does)', () => {
  /** Each event decided alone, as it arrives, after the ones before it. */
  const oneByOne = (before: AudienceState, events: TicketEvent[]) => {
    const recorded = command(...events);
    let state = before;
    return recorded.flatMap((event) => {
      const decision = decideTicketNotifications({
        events: [event],
        before: state,
        directory,
        commandStart: recorded[0],
      });
      state = decision.after;
      return decision.messages;
    });
  };

  it('the reporter’s reply by comment: everyone involved gets the comment and the status change', () => {
    const messages = oneByOne(ticket(example('WaitingForCustomer')), reporterAnswers());
    expect(messages.map((m) => [m.to.email, Object.keys(m.data).sort()])).toEqual([
      ['bram@zorg.example', ['comment', 'recipientName', 'ticket']],
      [itDesk, ['comment', 'ticket']],
      ['bram@zorg.example', ['recipientName', 'status', 'ticket']],
      [itDesk, ['status', 'ticket']],
    ]);
    expect(messages[2].data).toMatchObject({ status: { from: 'waiting_for_customer', to: 'in_progress' } });
    expect(new Set(messages.map((m) => m.dedupeKey)).size).toBe(4);
  });

  it('a later event with nothing new keeps the first event’s key: redelivered, it is not sent twice', () => {
    const messages = oneByOne(ticket(example('FixScheduled')), [
      example('FixReleased'),
      example('TicketResolved', { at: example('FixReleased').data.at, by: 'system' }),
    ]);
    expect(messages.map((m) => m.dedupeKey)).toEqual([
      'request-1-event-0/contact:contact-42',
      'request-1-event-0/contact:contact-43',
      `request-1-event-0/${itDeskKey}`,
      'request-1-event-0/contact:contact-42',
      'request-1-event-0/contact:contact-43',
      `request-1-event-0/${itDeskKey}`,
    ]);
  });
});

describe('a decided reassessment', () => {
  it('declined: only the requester hears, with the reason', () => {
    const { messages } = decide(ticket(), [example('ReassessmentDeclined')]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      template: 'reassessment-decided',
      to: { email: 'anna@zorg.example' },
      data: { accepted: false, reason: 'A workaround exists', currentPriority: 'P2' },
    });
  });

  it('accepted: the requester hears the decision, the others the priority change', () => {
    expect(told(ticket(), [example('ReassessmentAccepted')])).toEqual([
      { to: 'anna@zorg.example', template: 'reassessment-decided' },
      { to: 'bram@zorg.example', template: 'ticket-updated' },
      { to: itDesk, template: 'ticket-updated' },
    ]);
  });
});

describe('addressing', () => {
  it('writes in the contact’s language, else the organisation’s, else English', () => {
    const languages = (people: RecipientDirectory) =>
      decide(ticket(), [example('WorkStarted')], people).messages.map((m) => m.to.language);
    expect(languages(directory)).toEqual(['nl', 'nl', 'nl']);
    const english = { ...directory.contacts[reporter], language: 'en' as const };
    expect(languages({ ...directory, contacts: { ...directory.contacts, [reporter]: english } })).toEqual([
      'en',
      'nl',
      'nl',
    ]);
    expect(languages({ ...directory, organisationLanguage: undefined })).toEqual(['nl', 'en', 'en']);
  });

  it('writes to one mailbox once, even when it is involved twice', () => {
    const ownAddress = example('ParticipantAdded', { participant: { email: 'anna@zorg.example' } });
    expect(told(ticket(ownAddress), [example('WorkStarted')]).map((m) => m.to)).toEqual(everyone);
  });

  it('reports the contacts the directory does not know, and writes to the others', () => {
    const { contacts, ...rest } = directory;
    const decision = decide(ticket(), [example('WorkStarted')], {
      ...rest,
      contacts: { [reporter]: contacts[reporter] },
    });
    expect(decision.unknownRecipients).toEqual([{ contactId: colleague }]);
    expect(decision.messages.map((m) => m.to.email)).toEqual(['anna@zorg.example', itDesk]);
  });

  it('gives each message a dedupe key and Message-ID from its first event and recipient', () => {
    const [first, second] = decide(ticket(), reporterAnswers()).messages;
    expect(first.dedupeKey).toBe('request-1-event-0/contact:contact-43');
    expect(second.dedupeKey).toBe(`request-1-event-0/${itDeskKey}`);
    expect(first.messageId).not.toBe(second.messageId);
    expect(first.threadId).toBe(second.threadId);
  });

  it('names the contacts to look up: actors, requester, reporter and participants', () => {
    const events = command(example('ReassessmentAccepted', { requestedBy: 'contact-44' }));
    expect(contactsToLookUp(events, ticket()).sort()).toEqual(
      [agent, reporter, colleague, 'contact-44'].sort(),
    );
  });
});
