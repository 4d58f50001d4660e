import type { ReleaseEvent } from './release.events';
import type { CarriedFix } from './release.types';

/**
 * Postponed is not a status: a postponed release is still planned (or frozen) and still has to
 * ship, just later. `postponedFrom` keeps the date it was first planned for, to show it.
 */
export type ReleaseStatus = 'planned' | 'frozen' | 'shipped' | 'cancelled';

export interface PlannedRelease {
  status: ReleaseStatus;
  id: string;
  version: string;
  plannedDate: string;
  /** The first planned date, once the release has been postponed. */
  postponedFrom?: string;
  /** In the order they were scheduled. */
  fixes: CarriedFix[];
  shippedAt?: string;
}

export type Release = { status: 'unplanned' } | PlannedRelease;

export const initialRelease: Release = { status: 'unplanned' };

export const evolveRelease = (state: Release, event: ReleaseEvent): Release => {
  if (event.type === 'ReleasePlanned') {
    const { releaseId, version, plannedDate } = event.data;
    return { status: 'planned', id: releaseId, version, plannedDate, fixes: [] };
  }
  if (state.status === 'unplanned') return state;
  switch (event.type) {
    case 'ReleaseFixScheduled':
      return { ...state, fixes: [...state.fixes, event.data.fix] };
    case 'ReleaseFixUnscheduled':
      return { ...state, fixes: state.fixes.filter((fix) => fix.ticketId !== event.data.ticketId) };
    case 'ReleaseFrozen':
      return { ...state, status: 'frozen' };
    case 'ReleasePostponed':
      return {
        ...state,
        plannedDate: event.data.plannedDate,
        postponedFrom: state.postponedFrom ?? event.data.postponedFrom,
      };
    case 'ReleaseShipped':
      return { ...state, status: 'shipped', shippedAt: event.data.at };
    case 'ReleaseCancelled':
      return { ...state, status: 'cancelled' };
  }
};

export const carries = (release: PlannedRelease, ticketId: string) =>
  release.fixes.some((fix) => fix.ticketId === ticketId);

/** Shipped and cancelled are final: nothing changes a release after either. */
export const isOpen = (release: PlannedRelease) =>
  release.status === 'planned' || release.status === 'frozen';
