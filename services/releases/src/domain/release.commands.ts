import type { Actor, CarriedFix } from './release.types';

/** Time and ids arrive in the command: the decider itself stays pure. */
type Command<Type extends string, Data = Record<string, never>> = {
  type: Type;
  data: Data;
  actor: Actor;
  at: string;
};

export type PlanRelease = Command<'PlanRelease', { releaseId: string; version: string; plannedDate: string }>;
/** The fix's title, kind and organisation are the API's to look up in the ticket read model. */
export type ScheduleFix = Command<'ScheduleFix', { fix: CarriedFix }>;
export type UnscheduleFix = Command<'UnscheduleFix', { ticketId: string; reason: string }>;
export type FreezeRelease = Command<'FreezeRelease'>;
export type ShipRelease = Command<'ShipRelease'>;
export type PostponeRelease = Command<'PostponeRelease', { plannedDate: string; reason: string }>;
export type CancelRelease = Command<'CancelRelease', { reason: string }>;

export type ReleaseCommand =
  PlanRelease | ScheduleFix | UnscheduleFix | FreezeRelease | ShipRelease | PostponeRelease | CancelRelease;
