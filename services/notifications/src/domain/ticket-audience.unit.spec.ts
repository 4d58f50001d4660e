import { example, ticket } from './testing/notification.fixtures';
import { evolveAudience, foldAudience } from './ticket-audience';

describe('the audience of a ticket', () => {
  it('starts at registration with the reference, subject, kind and reporter', () => {
    expect(evolveAudience(undefined, example('TicketRegistered'))).toEqual({
      ticketId: example('TicketRegistered').data.ticketId,
      number: 'HD-00042',
      subject: 'Export to CSV stops at 50%',
      kind: 'error',
      organisationId: 'org-zorg',
      reporterId: 'contact-42',
      participants: [],
      status: 'new',
    });
  });

  it('ignores events of a ticket whose registration it has not seen', () => {
    expect(evolveAudience(undefined, example('WorkStarted'))).toBeUndefined();
  });

  it('keeps who is involved, the assignee and the priority', () => {
    const audience = ticket(
      example('TicketAssigned'),
      example('ParticipantRemoved', { participant: { contactId: 'contact-43' } }),
      example('PriorityChanged'),
    );
    expect(audience).toMatchObject({
      participants: [{ email: 'it-desk@zorg.example' }],
      assigneeId: 'agent-7',
      priority: 'P1',
      status: 'open',
    });
  });

  it('derives the status as the tickets service does', () => {
    const statusAfter = (...events: Parameters<typeof ticket>) => ticket(...events).status;
    expect(statusAfter(example('WaitingForCustomer'))).toBe('waiting_for_customer');
    expect(statusAfter(example('WaitingForCustomer'), example('CustomerReplied'))).toBe('in_progress');
    expect(statusAfter(example('FixScheduled'), example('FixUnscheduled'))).toBe('in_progress');
    expect(statusAfter(example('TicketResolved'), example('TicketReopened'))).toBe('open');
    expect(statusAfter(example('WishDeclined'))).toBe('closed');
  });

  it('returns an accepted wish to the backlog when its fix is taken out of a release', () => {
    const wish = foldAudience(undefined, [
      example('TicketRegistered', { kind: 'wish' }),
      example('WishAccepted'),
      example('FixScheduled'),
      example('FixUnscheduled'),
    ]);
    expect(wish?.status).toBe('accepted');
  });
});
