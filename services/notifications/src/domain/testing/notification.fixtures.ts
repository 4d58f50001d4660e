// Facts shared by the notification tests: the published example ticket, its people, and a
// helper to write recorded events briefly.
import { clearTicketExample, type TicketEvent, type TicketEventType } from '@helpdesk/contracts';
import type { RecipientDirectory } from '../recipients';
import type { RecordedTicketEvent } from '../recorded-event';
import { foldAudience, type TicketAudience } from '../ticket-audience';

type DataOf<Type extends TicketEventType> = Extract<TicketEvent, { type: Type }>['data'];

/** From the contract's catalogue: reporter contact-42 of org-zorg, agent-7. */
export const example = <T extends TicketEventType>(type: T, data: Partial<DataOf<T>> = {}) =>
  ({ type, data: { ...clearTicketExample(type), ...data } }) as unknown as Extract<TicketEvent, { type: T }>;

/** One command's events: ids in order, one correlation id. */
export const command = (...events: TicketEvent[]): RecordedTicketEvent[] => {
  const correlationId = 'request-1';
  return events.map(
    (event, index) =>
      ({
        ...event,
        id: `${correlationId}-event-${index}`,
        correlationId,
        causationId: correlationId,
      }) as RecordedTicketEvent,
  );
};

export const reporter = 'contact-42';
export const colleague = 'contact-43';
export const itDesk = 'it-desk@zorg.example';
export const agent = 'agent-7';

/** Registered, triaged P2, with a colleague and the IT desk's mailbox involved. */
export const ticket = (...more: TicketEvent[]): TicketAudience =>
  foldAudience(undefined, [
    example('TicketRegistered'),
    example('ParticipantAdded', { participant: { contactId: colleague } }),
    example('ParticipantAdded', { participant: { email: itDesk } }),
    example('TicketTriaged'),
    ...more,
  ])!;

export const directory: RecipientDirectory = {
  contacts: {
    [reporter]: { email: 'anna@zorg.example', name: 'Anna de Vries', language: 'nl' },
    [colleague]: { email: 'bram@zorg.example', name: 'Bram Jansen' },
  },
  agents: { [agent]: { email: 'sam@vendor.example', name: 'Sam Peters', language: 'en' } },
  organisationLanguage: 'nl',
};

/** The reporter answers a question with a comment: the comment and the reply, as one command. */
export const reporterAnswers = (): TicketEvent[] => {
  const change = {
    ticketId: example('CommentAdded').data.ticketId,
    by: reporter,
    at: '2026-11-20T13:00:00.000Z',
  };
  return [
    example('CommentAdded', {
      ...change,
      body: 'We use Firefox.',
      authorRole: 'customer_employee',
      firstResponse: false,
    }),
    { type: 'CustomerReplied', data: change },
  ];
};
