// Shared facts for the release decider's and release notes' tests.
import type { ReleaseEvent } from './release.events';
import type { Actor, CarriedFix } from './release.types';

export const at = '2026-11-24T10:00:00.000Z';
export const agent: Actor = { id: 'agent-1', role: 'agent' };
export const planner: Actor = { id: 'system', role: 'system' };
export const admin: Actor = { id: 'c-admin', role: 'customer_admin', organisationId: 'org-zorg' };

export const releaseId = 'train-2026-12-08';
export const target = { version: '2026.12.08', plannedDate: '2026-12-08' };
export const by = (actor: Actor) => ({ releaseId, by: actor.id, at });

export const exportFix: CarriedFix = {
  ticketId: 't-42',
  number: 'HD-00042',
  title: 'Export to CSV stops at 50%',
  kind: 'error',
  organisationId: 'org-zorg',
};
export const darkModeWish: CarriedFix = {
  ticketId: 't-77',
  number: 'HD-00077',
  title: 'Dark mode for the client app',
  kind: 'wish',
  organisationId: 'org-care',
};

export const planned: ReleaseEvent[] = [{ type: 'ReleasePlanned', data: { ...by(planner), ...target } }];
export const withExportFix: ReleaseEvent[] = [
  ...planned,
  { type: 'ReleaseFixScheduled', data: { ...by(agent), ...target, fix: exportFix } },
];
export const frozen: ReleaseEvent[] = [...withExportFix, { type: 'ReleaseFrozen', data: by(agent) }];
export const shipped: ReleaseEvent[] = [
  ...frozen,
  { type: 'ReleaseShipped', data: { ...by(agent), version: target.version, ticketIds: ['t-42'] } },
];
export const cancelled: ReleaseEvent[] = [
  ...withExportFix,
  {
    type: 'ReleaseCancelled',
    data: { ...by(agent), reason: 'Merged into the next train', ticketIds: ['t-42'] },
  },
];
