import { deciderSpec, refusedWith } from '@helpdesk/testing';
import {
  admin,
  agent,
  at,
  change,
  command,
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
