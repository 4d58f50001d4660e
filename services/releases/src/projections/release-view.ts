import { decodeEvent } from '@helpdesk/contracts';
import type { Projection, View } from '@helpdesk/read-models';
import {
  evolveRelease,
  initialRelease,
  type PlannedRelease,
  type ReleaseEvent,
  type ReleaseStatus,
} from '../domain';

const STREAM_PREFIX = 'release-';

/** A release as lists show it: the domain's own fold, plus a flag to filter postponed ones by. */
export interface ReleaseView extends View, PlannedRelease {
  postponed: boolean;
}

/** `postponed` is a state to people (planned or frozen, but later than first planned), not a status. */
export const RELEASE_STATES = ['planned', 'frozen', 'shipped', 'postponed', 'cancelled'] as const;
export type ReleaseState = (typeof RELEASE_STATES)[number];

export const releaseViewProjection: Projection<ReleaseView> = {
  name: 'release-views',
  documentId: (stored) =>
    stored.streamId.startsWith(STREAM_PREFIX) ? stored.streamId.slice(STREAM_PREFIX.length) : undefined,
  evolve: (current, stored) => {
    const event = decodeEvent<ReleaseEvent>(stored);
    const release = evolveRelease(current ?? initialRelease, event) as PlannedRelease;
    return { ...release, revision: stored.revision, postponed: release.postponedFrom !== undefined };
  },
};

/** Which stored statuses a state filter means. */
export const statusFilter = (state: ReleaseState): { status: ReleaseStatus[]; postponed?: boolean } =>
  state === 'postponed' ? { status: ['planned', 'frozen'], postponed: true } : { status: [state] };
