import type { PlanRelease, ReleaseCommand } from './release.commands';
import { dayOf } from './calendar-date';
import type { ReleaseEvent } from './release.events';
import {
  refuse,
  requireAgentOrSystem,
  requireDate,
  requireFix,
  requireOpen,
  requireText,
  requireVersion,
} from './release.rules';
import { carries, type Release } from './release.state';

/**
 * Asking for what is already true records nothing (a fix scheduled twice, a second freeze, a
 * redelivered ship): commands arrive again after retries and from the train planner.
 */
export const decideRelease = (command: ReleaseCommand, release: Release): ReleaseEvent[] => {
  requireAgentOrSystem(command.actor, 'plan and change releases');
  if (command.type === 'PlanRelease') return plan(command, release);
  if (release.status === 'unplanned')
    return refuse('not_found', 'release_not_found', 'There is no such release.');
  const change = { releaseId: release.id, by: command.actor.id, at: command.at };
  const target = { version: release.version, plannedDate: release.plannedDate };
  const ticketIds = release.fixes.map((fix) => fix.ticketId);

  switch (command.type) {
    case 'ScheduleFix': {
      requireOpen(release, 'take fixes');
      const fix = requireFix(command.data.fix);
      if (carries(release, fix.ticketId)) return [];
      if (release.status === 'frozen') {
        refuse(
          'illegal_transition',
          'release_frozen',
          `Release ${release.version} is frozen and takes no new fixes: schedule ${fix.number} into the next release.`,
        );
      }
      return [{ type: 'ReleaseFixScheduled', data: { ...change, ...target, fix } }];
    }

    // Allowed while frozen: pulling a fix that fails its tests is how a frozen release is saved.
    case 'UnscheduleFix': {
      requireOpen(release, 'give up fixes');
      const reason = requireText(command.data.reason, 'The reason', 2000);
      if (!carries(release, command.data.ticketId)) return [];
      return [
        { type: 'ReleaseFixUnscheduled', data: { ...change, ticketId: command.data.ticketId, reason } },
      ];
    }

    case 'FreezeRelease':
      requireOpen(release, 'be frozen');
      return release.status === 'frozen' ? [] : [{ type: 'ReleaseFrozen', data: change }];

    // An empty release ships too: the train carries more than ticket fixes.
    case 'ShipRelease':
      if (release.status === 'shipped') return [];
      requireOpen(release, 'ship');
      if (release.status !== 'frozen') {
        refuse(
          'illegal_transition',
          'release_not_frozen',
          `Freeze release ${release.version} before shipping it: what ships is what was tested.`,
        );
      }
      return [{ type: 'ReleaseShipped', data: { ...change, version: release.version, ticketIds } }];

    // The release keeps its state: a frozen release stays frozen, its content already tested.
    case 'PostponeRelease': {
      requireOpen(release, 'be postponed');
      const plannedDate = requireDate(command.data.plannedDate, 'The new date');
      if (plannedDate === release.plannedDate) return [];
      if (plannedDate < release.plannedDate) {
        refuse(
          'invalid',
          'not_later',
          `Postponing moves release ${release.version} to a day after ${release.plannedDate}.`,
        );
      }
      requireNotPast(plannedDate, command.at);
      const reason = requireText(command.data.reason, 'The reason', 2000);
      return [
        {
          type: 'ReleasePostponed',
          data: { ...change, ...target, plannedDate, postponedFrom: release.plannedDate, reason, ticketIds },
        },
      ];
    }

    case 'CancelRelease': {
      if (release.status === 'cancelled') return [];
      requireOpen(release, 'be cancelled');
      const reason = requireText(command.data.reason, 'The reason', 2000);
      return [{ type: 'ReleaseCancelled', data: { ...change, reason, ticketIds } }];
    }
  }
};

const plan = (command: PlanRelease, state: Release): ReleaseEvent[] => {
  const { releaseId } = command.data;
  // A stable code: the train planner treats it as "already planned" (and a cancelled train stays cancelled).
  if (state.status !== 'unplanned') {
    refuse(
      'conflict',
      'release_exists',
      `Release ${state.version} is already planned for ${state.plannedDate}.`,
      {
        releaseId: state.id,
        version: state.version,
        plannedDate: state.plannedDate,
        releaseStatus: state.status,
      },
    );
  }
  if (!releaseId.trim()) refuse('invalid', 'release_id_required', 'A release needs an id.');
  const version = requireVersion(command.data.version);
  const plannedDate = requireNotPast(requireDate(command.data.plannedDate, 'The planned date'), command.at);
  return [
    {
      type: 'ReleasePlanned',
      data: { releaseId, by: command.actor.id, at: command.at, version, plannedDate },
    },
  ];
};

/** Compared with the UTC day of `at`: lenient by at most a day for time zones east of UTC. */
const requireNotPast = (date: string, at: string) => {
  if (date < dayOf(at)) refuse('invalid', 'date_in_past', `${date} has already passed.`);
  return date;
};
