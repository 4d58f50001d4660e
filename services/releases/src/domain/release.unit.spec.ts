import { deciderSpec, fold, refusedWith } from '@helpdesk/decider';
import type { ReleaseCommand } from './release.commands';
import type { ReleaseEvent } from './release.events';
import { releaseDecider } from './release.decider';
import {
  admin,
  agent,
  at,
  by,
  cancelled,
  darkModeWish,
  exportFix,
  frozen,
  planned,
  planner,
  releaseId,
  shipped,
  target,
  withExportFix,
} from './release.fixtures';
import type { Actor } from './release.types';

const spec = deciderSpec(releaseDecider);

const command = <Type extends ReleaseCommand['type']>(
  type: Type,
  data: Extract<ReleaseCommand, { type: Type }>['data'],
  actor: Actor = agent,
) => ({ type, data, actor, at }) as ReleaseCommand;

const plan = (data: Partial<typeof target> = {}, actor = planner) =>
  command('PlanRelease', { releaseId, ...target, ...data }, actor);
const schedule = (fix = darkModeWish) => command('ScheduleFix', { fix });
const unschedule = (ticketId = exportFix.ticketId) =>
  command('UnscheduleFix', { ticketId, reason: 'Fails the regression tests' });
const freeze = command('FreezeRelease', {});
const ship = command('ShipRelease', {});
const postpone = (plannedDate = '2026-12-10') =>
  command('PostponeRelease', { plannedDate, reason: 'Waiting for the app store review' });
const cancel = command('CancelRelease', { reason: 'Merged into the next train' });
const postponedTo10th = (ticketIds: string[]): ReleaseEvent => ({
  type: 'ReleasePostponed',
  data: {
    ...by(agent),
    ...target,
    plannedDate: '2026-12-10',
    postponedFrom: '2026-12-08',
    reason: 'x',
    ticketIds,
  },
});

describe('planning a release', () => {
  it('plans it for its version and date', () => spec.given([]).when(plan()).then(planned));

  it('is for agents and the train planner only', () =>
    spec.given([]).when(plan({}, admin)).thenThrows(refusedWith('agents_only')));

  it('happens once: a second plan (a planner restart) is refused as release_exists', () =>
    spec
      .given(planned)
      .when(plan())
      .thenThrows(refusedWith('release_exists'), /2026\.12\.08 is already planned/));

  it('keeps a cancelled train cancelled when the planner comes by again', () =>
    spec.given(cancelled).when(plan()).thenThrows(refusedWith('release_exists')));

  it('accepts semantic versions', () =>
    spec
      .given([])
      .when(plan({ version: '4.2.0-rc.1' }))
      .then([
        {
          type: 'ReleasePlanned',
          data: { ...by(planner), version: '4.2.0-rc.1', plannedDate: '2026-12-08' },
        },
      ]));

  it('needs a version that reads as one', () =>
    spec
      .given([])
      .when(plan({ version: 'next week' }))
      .thenThrows(refusedWith('invalid_version')));

  it('needs a real date', () =>
    spec
      .given([])
      .when(plan({ plannedDate: '2026-02-30' }))
      .thenThrows(refusedWith('invalid_date')));

  it('is not planned in the past', () =>
    spec
      .given([])
      .when(plan({ plannedDate: '2026-11-23' }))
      .thenThrows(refusedWith('date_in_past')));
});

it('needs an id', () =>
  spec
    .given([])
    .when(command('PlanRelease', { releaseId: ' ', ...target }))
    .thenThrows(refusedWith('release_id_required')));

describe('scheduling fixes', () => {
  it("records the ticket's public title, kind and organisation for the notes", () =>
    spec
      .given(withExportFix)
      .when(schedule())
      .then([{ type: 'ReleaseFixScheduled', data: { ...by(agent), ...target, fix: darkModeWish } }]));

  it('is for agents only', () =>
    spec
      .given(planned)
      .when(command('ScheduleFix', { fix: exportFix }, admin))
      .thenThrows(refusedWith('agents_only')));

  it('records a fix scheduled twice once', () =>
    spec.given(withExportFix).when(schedule(exportFix)).then([]));

  it('needs a ticket number', () =>
    spec
      .given(planned)
      .when(schedule({ ...exportFix, number: '42' }))
      .thenThrows(refusedWith('invalid_ticket_number')));

  it('needs a public title', () =>
    spec
      .given(planned)
      .when(schedule({ ...exportFix, title: '  ' }))
      .thenThrows(refusedWith('text_required')));

  it('needs a ticket kind', () =>
    spec
      .given(planned)
      .when(schedule({ ...exportFix, kind: 'bug' as never }))
      .thenThrows(refusedWith('invalid_kind')));

  it('needs the organisation that reported it, to scope the notes', () =>
    spec
      .given(planned)
      .when(schedule({ ...exportFix, organisationId: '' }))
      .thenThrows(refusedWith('organisation_required')));

  it('refuses a release that does not exist', () =>
    spec.given([]).when(schedule()).thenThrows(refusedWith('release_not_found')));

  it('takes no new fix into a frozen release', () =>
    spec
      .given(frozen)
      .when(schedule())
      .thenThrows(refusedWith('release_frozen'), /next release/));

  it('takes no fix into a shipped release', () =>
    spec.given(shipped).when(schedule()).thenThrows(refusedWith('release_shipped')));

  it('takes no fix into a cancelled release, not even one it carried', () =>
    spec.given(cancelled).when(schedule(exportFix)).thenThrows(refusedWith('release_cancelled')));
});

describe('taking fixes out', () => {
  it('records the reason, for the ticket', () =>
    spec
      .given(withExportFix)
      .when(unschedule())
      .then([
        {
          type: 'ReleaseFixUnscheduled',
          data: { ...by(agent), ticketId: 't-42', reason: 'Fails the regression tests' },
        },
      ]));

  it('is allowed while frozen: a failing fix is pulled to save the release', () =>
    spec
      .given(frozen)
      .when(unschedule())
      .then([expect.objectContaining({ type: 'ReleaseFixUnscheduled' })]));

  it('records nothing for a ticket the release does not carry', () =>
    spec.given(withExportFix).when(unschedule('t-other')).then([]));

  it('needs a reason, which the ticket is told', () =>
    spec
      .given(withExportFix)
      .when(command('UnscheduleFix', { ticketId: 't-42', reason: '' }))
      .thenThrows(refusedWith('text_required')));

  it('is not possible once shipped', () =>
    spec.given(shipped).when(unschedule()).thenThrows(refusedWith('release_shipped')));
});

describe('freezing', () => {
  it('freezes a planned release', () =>
    spec
      .given(withExportFix)
      .when(freeze)
      .then([{ type: 'ReleaseFrozen', data: by(agent) }]));

  it('records a second freeze once', () => spec.given(frozen).when(freeze).then([]));

  it('is not possible once cancelled', () =>
    spec.given(cancelled).when(freeze).thenThrows(refusedWith('release_cancelled')));

  it('is for agents and the train planner only', () =>
    spec
      .given(planned)
      .when({ ...freeze, actor: admin })
      .thenThrows(refusedWith('agents_only')));
});

describe('shipping', () => {
  it('lists the tickets whose fix it delivers', () =>
    spec
      .given(frozen)
      .when(ship)
      .then([
        { type: 'ReleaseShipped', data: { ...by(agent), version: '2026.12.08', ticketIds: ['t-42'] } },
      ]));

  it('ships an empty release: the train carries more than ticket fixes', () =>
    spec
      .given([...planned, { type: 'ReleaseFrozen', data: by(agent) }])
      .when(ship)
      .then([{ type: 'ReleaseShipped', data: { ...by(agent), version: '2026.12.08', ticketIds: [] } }]));

  it('needs the release frozen first', () =>
    spec.given(withExportFix).when(ship).thenThrows(refusedWith('release_not_frozen')));

  it('records a redelivered ship once', () => spec.given(shipped).when(ship).then([]));

  it('is final: a shipped release is not cancelled', () =>
    spec.given(shipped).when(cancel).thenThrows(refusedWith('release_shipped')));

  it('is final: a shipped release is not postponed', () =>
    spec.given(shipped).when(postpone()).thenThrows(refusedWith('release_shipped')));

  it('never ships a cancelled release', () =>
    spec.given(cancelled).when(ship).thenThrows(refusedWith('release_cancelled')));
});

describe('postponing', () => {
  it('moves the date and lists the tickets to tell', () =>
    spec
      .given(withExportFix)
      .when(postpone())
      .then([
        {
          type: 'ReleasePostponed',
          data: {
            ...by(agent),
            version: '2026.12.08',
            plannedDate: '2026-12-10',
            postponedFrom: '2026-12-08',
            reason: 'Waiting for the app store review',
            ticketIds: ['t-42'],
          },
        },
      ]));

  it('keeps a frozen release frozen: it ships without freezing again', () =>
    spec
      .given([...frozen, postponedTo10th(['t-42'])])
      .when(ship)
      .then([expect.objectContaining({ type: 'ReleaseShipped' })]));

  it('only moves the date forward', () =>
    spec.given(withExportFix).when(postpone('2026-12-01')).thenThrows(refusedWith('not_later')));

  it('does not move an overdue release to another day in the past', () =>
    spec
      .given([...planned, postponedTo10th([])])
      .when({ ...postpone('2026-12-12'), at: '2026-12-15T09:00:00.000Z' })
      .thenThrows(refusedWith('date_in_past')));

  it('records a redelivered postponement once', () =>
    spec
      .given([...planned, postponedTo10th([])])
      .when(postpone('2026-12-10'))
      .then([]));

  it('is not possible once cancelled', () =>
    spec.given(cancelled).when(postpone()).thenThrows(refusedWith('release_cancelled')));

  it('keeps the first planned date across postponements, for the read model', () => {
    const later: ReleaseEvent = {
      type: 'ReleasePostponed',
      data: {
        ...by(agent),
        ...target,
        plannedDate: '2026-12-22',
        postponedFrom: '2026-12-10',
        reason: 'y',
        ticketIds: [],
      },
    };
    expect(fold(releaseDecider, [...planned, postponedTo10th([]), later])).toMatchObject({
      plannedDate: '2026-12-22',
      postponedFrom: '2026-12-08',
    });
  });
});

describe('cancelling', () => {
  it('returns the fixes it carried to unscheduled, listing them', () =>
    spec.given(withExportFix).when(cancel).then(cancelled.slice(-1)));

  it('needs a reason', () =>
    spec
      .given(withExportFix)
      .when(command('CancelRelease', { reason: ' ' }))
      .thenThrows(refusedWith('text_required')));

  it('records a second cancel once', () => spec.given(cancelled).when(cancel).then([]));

  it('is for agents and the train planner only', () =>
    spec
      .given(planned)
      .when({ ...cancel, actor: admin })
      .thenThrows(refusedWith('agents_only')));
});
