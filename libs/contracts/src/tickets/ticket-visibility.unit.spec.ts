import { maySeeTicket, ticketScopeOf, type TicketViewer } from './ticket-visibility';

const ticket = { organisationId: 'org-a', reporterId: 'c-reporter', participantIds: ['c-added'] };
const viewers: Array<[string, TicketViewer, boolean]> = [
  ['an agent', { id: 'agent-1', role: 'agent' }, true],
  ['another system', { id: 'erp', role: 'system' }, true],
  [
    "the organisation's administrator",
    { id: 'c-admin', role: 'customer_admin', organisationId: 'org-a' },
    true,
  ],
  [
    "another organisation's administrator",
    { id: 'c-b', role: 'customer_admin', organisationId: 'org-b' },
    false,
  ],
  ['the reporter', { id: 'c-reporter', role: 'customer_employee', organisationId: 'org-a' }, true],
  ['a contact added to it', { id: 'c-added', role: 'customer_employee', organisationId: 'org-a' }, true],
  [
    'a colleague not involved',
    { id: 'c-colleague', role: 'customer_employee', organisationId: 'org-a' },
    false,
  ],
  [
    'the reporter’s id in another organisation',
    { id: 'c-reporter', role: 'customer_employee', organisationId: 'org-b' },
    false,
  ],
  ['a customer token without organisation', { id: 'c-admin', role: 'customer_admin' }, false],
];

describe('who may see a ticket', () => {
  it.each(viewers)('%s: %s', (_who, viewer, sees) => expect(maySeeTicket(viewer, ticket)).toBe(sees));

  it('is the scope a list queries with', () => {
    expect(ticketScopeOf({ id: 'agent-1', role: 'agent' })).toEqual({});
    expect(ticketScopeOf({ id: 'c-admin', role: 'customer_admin', organisationId: 'org-a' })).toEqual({
      organisationId: 'org-a',
    });
    expect(ticketScopeOf({ id: 'c-x', role: 'customer_employee', organisationId: 'org-a' })).toEqual({
      organisationId: 'org-a',
      involving: 'c-x',
    });
  });

  it('names nobody of a ticket whose people are not known', () =>
    expect(
      maySeeTicket(
        { id: 'c-reporter', role: 'customer_employee', organisationId: 'org-a' },
        { organisationId: 'org-a' },
      ),
    ).toBe(false));
});
