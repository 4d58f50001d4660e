import { deciderSpec, refusedWith } from '@helpdesk/decider';
import {
  admin,
  agent,
  at,
  change,
  command,
  organisation,
  registered,
  releaseTrain,
  reporter,
  stranger,
} from './testing/ticket.fixtures';
import { ticketDecider } from './ticket.decider';
import type { RegisterTicket } from './ticket.commands';

const spec = deciderSpec(ticketDecider);

const registration = (actor = reporter, overrides: Partial<RegisterTicket['data']> = {}) =>
  command('RegisterTicket', actor, {
    ticketId: 't-1',
    number: 'HD-00042',
    kind: 'error',
    channel: 'portal',
    subject: '  Export fails ',
    description: 'The monthly export stops at 50%.',
    organisationId: 'org-1',
    reporterId: 'c-reporter',
    organisation: organisation(),
    ...overrides,
  });

describe('registering a ticket', () => {
  it('records the ticket as the reporter filed it, trimmed', () =>
    spec.given([]).when(registration()).then(registered()));

  it('lets an administrator file for a colleague', () => {
    const [event] = ticketDecider.decide(registration(admin), ticketDecider.initialState);
    expect(event).toMatchObject({
      type: 'TicketRegistered',
      data: { by: 'c-admin', reporterId: 'c-reporter' },
    });
  });

  it('lets an agent register a phone call on the caller’s behalf', () => {
    const [event] = ticketDecider.decide(
      registration(agent, { channel: 'phone' }),
      ticketDecider.initialState,
    );
    expect(event).toMatchObject({ data: { ...change(agent), channel: 'phone', reporterId: 'c-reporter' } });
  });

  it('keeps the problem details a good ticket has', () => {
    const details = {
      stepsToReproduce: 'Run export',
      expectedResult: '100%',
      actualResult: '50%',
      impact: 'Payroll late',
    };
    const [event] = ticketDecider.decide(registration(reporter, { details }), ticketDecider.initialState);
    expect(event.data).toMatchObject({ details });
  });

  it('refuses a ticket for another organisation', () =>
    spec.given([]).when(registration(stranger)).thenThrows(refusedWith('foreign_organisation')));

  it('refuses an employee filing for someone else', () =>
    spec
      .given([])
      .when(registration(reporter, { reporterId: 'c-someone' }))
      .thenThrows(refusedWith('reporter_only')));

  it('leaves phone and e-mail registration to agents', () =>
    spec
      .given([])
      .when(registration(reporter, { channel: 'phone' }))
      .thenThrows(refusedWith('agent_channel')));

  it('takes an e-mail ticket from a customer only as the mail receiver files their own mail', () => {
    spec
      .given([])
      .when(registration(reporter, { channel: 'email' }))
      .thenThrows(refusedWith('agent_channel'));
    const [event] = ticketDecider.decide(
      registration(reporter, { channel: 'email', receivedMail: { messageId: '<m1@zorg.example>' } }),
      ticketDecider.initialState,
    );
    expect(event).toMatchObject({ type: 'TicketRegistered', data: { channel: 'email' } });
    // The confirmation answers the sender's own thread.
    expect(event.data).toMatchObject({ receivedMail: { messageId: '<m1@zorg.example>' } });
  });

  it('takes tickets from other systems over the api channel only', () =>
    spec
      .given([])
      .when(registration(releaseTrain, { channel: 'portal' }))
      .thenThrows(refusedWith('system_channel')));

  it('needs a subject', () =>
    spec
      .given([])
      .when(registration(reporter, { subject: '   ' }))
      .thenThrows(refusedWith('text_required'), /subject/));

  it('refuses a subject longer than 200 characters', () =>
    spec
      .given([])
      .when(registration(reporter, { subject: 'x'.repeat(201) }))
      .thenThrows(refusedWith('text_too_long')));

  it('needs an HD- reference of at least five digits', () =>
    spec
      .given([])
      .when(registration(reporter, { number: 'HD-42' }))
      .thenThrows(refusedWith('invalid_number')));

  it('happens once', () =>
    spec.given(registered()).when(registration()).thenThrows(refusedWith('ticket_exists')));

  it('comes before anything else happens to a ticket', () =>
    spec
      .given([])
      .when(command('TriageTicket', agent, { priority: 'P1' }))
      .thenThrows(refusedWith('ticket_not_found')));

  it('records when, as the command says', () => {
    const [event] = ticketDecider.decide(registration(), ticketDecider.initialState);
    expect(event.data).toMatchObject({ at });
  });
});

describe('only authorised, active contacts have tickets filed for them', () => {
  it('refuses a contact the organisation has not authorised, naming its administrators', () =>
    spec
      .given([])
      .when(registration(admin, { reporterId: 'c-colleague' }))
      .thenThrows(refusedWith('reporter_not_authorised'), /Anna de Vries <c-admin@zorg.example>/));

  it('refuses an agent taking a phone call for an unauthorised contact just the same', () =>
    spec
      .given([])
      .when(registration(agent, { channel: 'phone', reporterId: 'c-colleague' }))
      .thenThrows(refusedWith('reporter_not_authorised')));

  it('refuses a contact the organisation does not have', () =>
    spec
      .given([])
      .when(registration(agent, { channel: 'phone', reporterId: 'c-nobody' }))
      .thenThrows(refusedWith('reporter_not_authorised'), /c-nobody/));

  it('refuses a contact who left, even if once authorised', () => {
    const left = organisation();
    left.contacts['c-reporter'] = { ...left.contacts['c-reporter'], active: false };
    spec
      .given([])
      .when(registration(reporter, { organisation: left }))
      .thenThrows(refusedWith('reporter_not_authorised'));
  });

  it('refuses an organisation that is not registered for support', () =>
    spec
      .given([])
      .when(registration(agent, { channel: 'phone', organisation: { status: 'unregistered' } }))
      .thenThrows(refusedWith('unknown_organisation')));

  it('refuses an organisation without an active contract', () =>
    spec
      .given([])
      .when(registration(reporter, { organisation: organisation({ status: 'inactive' }) }))
      .thenThrows(refusedWith('organisation_inactive')));

  it('tells a customer of another organisation only that it is not theirs', () =>
    spec
      .given([])
      .when(registration(stranger, { organisation: { status: 'unregistered' } }))
      .thenThrows(refusedWith('foreign_organisation')));
});
