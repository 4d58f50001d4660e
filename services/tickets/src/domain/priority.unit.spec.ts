import { deciderSpec, refusedWith } from '@helpdesk/decider';
import {
  admin,
  agent,
  change,
  closed,
  colleague,
  command,
  registered,
  reporter,
  stranger,
  triaged,
} from './testing/ticket.fixtures';
import { ticketDecider } from './ticket.decider';
import type { TicketEvent } from './ticket.events';

const spec = deciderSpec(ticketDecider);
const requested: TicketEvent[] = [
  ...triaged('P3'),
  {
    type: 'ReassessmentRequested',
    data: { ...change(reporter), reason: 'Payroll is blocked', proposedPriority: 'P1' },
  },
];

describe('triage', () => {
  it('gives a new ticket its priority and opens it', () =>
    spec
      .given(registered())
      .when(command('TriageTicket', agent, { priority: 'P1' }))
      .then([{ type: 'TicketTriaged', data: { ...change(agent), priority: 'P1' } }]));

  it('is for agents only: a customer cannot triage', () =>
    spec
      .given(registered())
      .when(command('TriageTicket', admin, { priority: 'P1' }))
      .thenThrows(refusedWith('agents_only')));

  it('happens once; later the priority is changed with a reason', () =>
    spec
      .given(triaged())
      .when(command('TriageTicket', agent, { priority: 'P1' }))
      .thenThrows(refusedWith('illegal_transition')));
});

describe('changing the priority', () => {
  it('records from, to and why', () =>
    spec
      .given(triaged('P3'))
      .when(command('ChangePriority', agent, { priority: 'P2', reason: 'More users affected' }))
      .then([
        {
          type: 'PriorityChanged',
          data: { ...change(agent), from: 'P3', to: 'P2', reason: 'More users affected' },
        },
      ]));

  it('records nothing when the priority stays', () =>
    spec
      .given(triaged('P3'))
      .when(command('ChangePriority', agent, { priority: 'P3', reason: 'same' }))
      .then([]));

  it('needs a triaged ticket', () =>
    spec
      .given(registered())
      .when(command('ChangePriority', agent, { priority: 'P2', reason: 'x' }))
      .thenThrows(refusedWith('illegal_transition'), /Triage it first/));

  it('is not done by customers', () =>
    spec
      .given(triaged())
      .when(command('ChangePriority', reporter, { priority: 'P1', reason: 'x' }))
      .thenThrows(refusedWith('agents_only')));
});

describe('reassessment', () => {
  it('may be requested by the reporter with a reason', () =>
    spec
      .given(triaged('P3'))
      .when(
        command('RequestReassessment', reporter, { reason: 'Payroll is blocked', proposedPriority: 'P1' }),
      )
      .then(requested.slice(-1)));

  it('may be requested by an administrator of the organisation', () =>
    spec
      .given(triaged('P3'))
      .when(command('RequestReassessment', admin, { reason: 'Urgent' }))
      .then([{ type: 'ReassessmentRequested', data: { ...change(admin), reason: 'Urgent' } }]));

  it('is not requested by a colleague who is not involved', () =>
    spec
      .given(triaged('P3'))
      .when(command('RequestReassessment', colleague, { reason: 'x' }))
      .thenThrows(refusedWith('ticket_not_found')));

  it('is one at a time', () =>
    spec
      .given(requested)
      .when(command('RequestReassessment', admin, { reason: 'again' }))
      .thenThrows(refusedWith('reassessment_pending')));

  it('accepted by an agent changes the priority and tells who asked', () =>
    spec
      .given(requested)
      .when(command('DecideReassessment', agent, { accept: true, reason: 'Agreed: production impact' }))
      .then([
        {
          type: 'ReassessmentAccepted',
          data: {
            ...change(agent),
            from: 'P3',
            to: 'P1',
            reason: 'Agreed: production impact',
            requestedBy: 'c-reporter',
          },
        },
      ]));

  it('declined by an agent keeps the priority, with a reason', () =>
    spec
      .given(requested)
      .when(command('DecideReassessment', agent, { accept: false, reason: 'A workaround exists' }))
      .then([
        {
          type: 'ReassessmentDeclined',
          data: { ...change(agent), reason: 'A workaround exists', requestedBy: 'c-reporter' },
        },
      ]));

  it('cannot be decided when nobody asked', () =>
    spec
      .given(triaged())
      .when(command('DecideReassessment', agent, { accept: false, reason: 'x' }))
      .thenThrows(refusedWith('no_reassessment')));

  it('is decided by agents only', () =>
    spec
      .given(requested)
      .when(command('DecideReassessment', admin, { accept: true, reason: 'x' }))
      .thenThrows(refusedWith('agents_only')));

  it('is not requested on a closed ticket', () =>
    spec
      .given(closed())
      .when(command('RequestReassessment', reporter, { reason: 'x' }))
      .thenThrows(refusedWith('illegal_transition')));

  it('is invisible to other organisations', () =>
    spec
      .given(triaged())
      .when(command('RequestReassessment', stranger, { reason: 'x' }))
      .thenThrows(refusedWith('ticket_not_found')));
});
