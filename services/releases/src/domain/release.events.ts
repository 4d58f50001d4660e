// The release events are the releases service's published contract, kept with the others in libs/contracts.
export type {
  CarriedFix,
  ReleaseCancelled,
  ReleaseEvent,
  ReleaseEventType,
  ReleaseFixScheduled,
  ReleaseFixUnscheduled,
  ReleaseFrozen,
  ReleasePlanned,
  ReleasePostponed,
  ReleaseShipped,
} from '@helpdesk/contracts';
