import { deciderSpec, fold, refusedWith } from '@helpdesk/decider';
import {
  admin,
  agent,
  change,
  closed,
  command,
  inProgress,
  registered,
  releaseTrain,
  reporter,
  resolved,
  triaged,
} from './testing/ticket.fixtures';
import { ticketDecider } from './ticket.decider';
import type { TicketEvent } from './ticket.events';

const spec = deciderSpec(ticketDecider);
const statusAfter = (events: TicketEvent[]) => {
  const state = fold(ticketDecider, events);
  return state.status;
};
const fix = { releaseId: 'r-2026-24', version: '2026.24', plannedDate: '2026-12-08' };
const scheduled: TicketEvent[] = [
  ...inProgress(),
  { type: 'FixScheduled', data: { ...change(releaseTrain), ...fix } },
];

describe('the status is derived from the events', () => {
  it.each([
    ['registered', registered(), 'new'],
    ['triaged', triaged(), 'open'],
    ['started', inProgress(), 'in_progress'],
    ['fix scheduled', scheduled, 'fix_scheduled'],
    ['resolved', resolved(), 'resolved'],
    ['closed', closed(), 'closed'],
  ])('%s: %s', (_name, events, status) => expect(statusAfter(events as TicketEvent[])).toBe(status));
});

describe('working a ticket', () => {
  it('starts an open ticket', () =>
    spec
      .given(triaged())
      .when(command('StartWork', agent))
      .then([{ type: 'WorkStarted', data: change(agent) }]));

  it('is not started before triage', () =>
    spec
      .given(registered())
      .when(command('StartWork', agent))
      .thenThrows(refusedWith('illegal_transition'), /Triage it first/));

  it('waits for the customer with a question, and resumes on their reply', () => {
    const waiting: TicketEvent[] = [
      ...inProgress(),
      { type: 'WaitingForCustomer', data: { ...change(agent), question: 'Which file?' } },
    ];
    expect(statusAfter(waiting)).toBe('waiting_for_customer');
    spec
      .given(waiting)
      .when(command('RecordCustomerReply', agent))
      .then([{ type: 'CustomerReplied', data: change(agent) }]);
  });

  it('waits for a third party and resumes', () => {
    const waiting: TicketEvent[] = [
      ...inProgress(),
      {
        type: 'WaitingForThirdParty',
        data: { ...change(agent), thirdParty: 'Hosting provider', reason: 'Disk replacement' },
      },
    ];
    expect(statusAfter(waiting)).toBe('waiting_for_third_party');
    spec
      .given(waiting)
      .when(command('ResumeWork', agent))
      .then([{ type: 'WorkResumed', data: change(agent) }]);
  });

  it('is not moved by customers', () =>
    spec.given(triaged()).when(command('StartWork', admin)).thenThrows(refusedWith('agents_only')));
});

describe('workarounds', () => {
  it('restore service for P1 and P2', () =>
    spec
      .given(inProgress('P1'))
      .when(command('ProvideWorkaround', agent, { workaround: 'Export per week' }))
      .then([{ type: 'WorkaroundProvided', data: { ...change(agent), workaround: 'Export per week' } }]));

  it('are not recorded for P3 and P4', () =>
    spec
      .given(inProgress('P3'))
      .when(command('ProvideWorkaround', agent, { workaround: 'x' }))
      .thenThrows(refusedWith('workaround_for_p1_p2')));
});

describe('fixes in releases', () => {
  it('are scheduled by the release process', () =>
    spec
      .given(inProgress())
      .when(command('ScheduleFix', releaseTrain, fix))
      .then(scheduled.slice(-1)));

  it('are scheduled once: the same schedule again changes nothing', () =>
    spec
      .given(scheduled)
      .when(command('ScheduleFix', releaseTrain, fix))
      .then([]));

  it('move to another date when a release is postponed', () =>
    spec
      .given(scheduled)
      .when(command('ScheduleFix', releaseTrain, { ...fix, plannedDate: '2026-12-22' }))
      .then([
        { type: 'FixScheduled', data: { ...change(releaseTrain), ...fix, plannedDate: '2026-12-22' } },
      ]));

  it('resolve the ticket when released', () =>
    spec
      .given(scheduled)
      .when(command('ReleaseFix', releaseTrain, { releaseId: fix.releaseId, version: fix.version }))
      .then([
        {
          type: 'FixReleased',
          data: { ...change(releaseTrain), releaseId: fix.releaseId, version: fix.version },
        },
        { type: 'TicketResolved', data: { ...change(releaseTrain), resolution: 'Fix released in 2026.24' } },
      ]));

  it('are released once, whatever is redelivered', () => {
    const released = ticketDecider.decide(
      command('ReleaseFix', releaseTrain, { releaseId: fix.releaseId, version: fix.version }),
      fold(ticketDecider, scheduled),
    );
    spec
      .given([...scheduled, ...released])
      .when(command('ReleaseFix', releaseTrain, { releaseId: fix.releaseId, version: fix.version }))
      .then([]);
  });

  it('are not released by a release that does not carry them', () =>
    spec
      .given(scheduled)
      .when(command('ReleaseFix', releaseTrain, { releaseId: 'r-other', version: '2026.26' }))
      .thenThrows(refusedWith('fix_not_in_release')));

  it('are taken out of a cancelled release, back to work', () => {
    const out: TicketEvent = {
      type: 'FixUnscheduled',
      data: { ...change(releaseTrain), releaseId: fix.releaseId, reason: 'release cancelled' },
    };
    spec
      .given(scheduled)
      .when(command('UnscheduleFix', releaseTrain, { releaseId: fix.releaseId, reason: 'release cancelled' }))
      .then([out]);
    expect(statusAfter([...scheduled, out])).toBe('in_progress');
  });

  it('are not scheduled by customers', () =>
    spec
      .given(inProgress())
      .when(command('ScheduleFix', reporter, fix))
      .thenThrows(refusedWith('agents_only')));
});

describe('resolving, closing and reopening', () => {
  it('resolves with a resolution', () =>
    spec
      .given(inProgress())
      .when(command('ResolveTicket', agent, { resolution: 'Settings corrected' }))
      .then([{ type: 'TicketResolved', data: { ...change(agent), resolution: 'Settings corrected' } }]));

  it('closes when the reporter confirms', () =>
    spec
      .given(resolved())
      .when(command('CloseTicket', reporter, { reason: 'confirmed' }))
      .then([{ type: 'TicketClosed', data: { ...change(reporter), reason: 'confirmed' } }]));

  it('closes automatically after the configured days', () =>
    spec
      .given(resolved('2026-11-10T10:00:00.000Z'))
      .when(
        command(
          'CloseTicket',
          { id: 'desk', role: 'system' },
          { reason: 'auto', autoCloseAfterDays: 14 },
          '2026-11-24T10:00:00.000Z',
        ),
      )
      .then([
        {
          type: 'TicketClosed',
          data: { ticketId: 't-1', by: 'desk', at: '2026-11-24T10:00:00.000Z', reason: 'auto' },
        },
      ]));

  it('does not close automatically too early', () =>
    spec
      .given(resolved('2026-11-20T10:00:00.000Z'))
      .when(
        command('CloseTicket', { id: 'desk', role: 'system' }, { reason: 'auto', autoCloseAfterDays: 14 }),
      )
      .thenThrows(refusedWith('too_early')));

  it('does not close a ticket that is not resolved', () =>
    spec
      .given(inProgress())
      .when(command('CloseTicket', reporter, { reason: 'confirmed' }))
      .thenThrows(refusedWith('illegal_transition')));

  it('reopens a closed ticket, which then takes comments again', () => {
    const reopened: TicketEvent = {
      type: 'TicketReopened',
      data: { ...change(reporter), reason: 'It fails again' },
    };
    spec
      .given(closed())
      .when(command('ReopenTicket', reporter, { reason: 'It fails again' }))
      .then([reopened]);
    expect(statusAfter([...closed(), reopened])).toBe('open');
  });

  it('does not reopen a ticket that is still being worked on', () =>
    spec
      .given(inProgress())
      .when(command('ReopenTicket', reporter, { reason: 'x' }))
      .thenThrows(refusedWith('illegal_transition')));
});

describe('wishes', () => {
  it('are accepted into the backlog', () => {
    const accepted: TicketEvent = { type: 'WishAccepted', data: change(agent) };
    spec.given(registered('wish')).when(command('AcceptWish', agent)).then([accepted]);
    expect(statusAfter([...registered('wish'), accepted])).toBe('accepted');
  });

  it('are declined with a reason, which closes them', () => {
    const declined: TicketEvent = {
      type: 'WishDeclined',
      data: { ...change(agent), reason: 'Out of scope' },
    };
    spec
      .given(registered('wish'))
      .when(command('DeclineWish', agent, { reason: 'Out of scope' }))
      .then([declined]);
    expect(statusAfter([...registered('wish'), declined])).toBe('closed');
  });

  it('are the only tickets accepted or declined', () =>
    spec
      .given(triaged())
      .when(command('AcceptWish', agent))
      .thenThrows(refusedWith('not_a_wish'), /an error/));
});
