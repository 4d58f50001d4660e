import type { Decider } from '@helpdesk/decider';
import type { ReleaseCommand } from './release.commands';
import { decideRelease } from './release.decide';
import type { ReleaseEvent } from './release.events';
import { evolveRelease, initialRelease, type Release } from './release.state';

/** A release with the fixes it carries: one stream, `release-<id>`, so its rules hold atomically. */
export const releaseDecider: Decider<ReleaseCommand, ReleaseEvent, Release> = {
  initialState: initialRelease,
  decide: decideRelease,
  evolve: evolveRelease,
};

export const releaseStream = (releaseId: string) => `release-${releaseId}`;
