import { decodeEvent } from '@helpdesk/contracts';
import { DomainError, type EventStore, fold } from '@helpdesk/event-store';
import { EVENT_STORE, type Principal } from '@helpdesk/platform';
import { decodeCursor, encodeCursor } from '@helpdesk/read-models';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReleaseTicketDirectory } from '../consumers/release-ticket-directory';
import {
  type FixInvolvement,
  fixesSeenBy,
  type PlannedRelease,
  releaseDecider,
  type ReleaseEvent,
  releaseStream,
  renderReleaseNotes,
} from '../domain';
import { type ReleaseState, type ReleaseView, statusFilter } from '../projections/release-view';
import { fixInvolvement } from './fix-involvement';
import { ReleasesReadModel } from './releases-read-model';

/** The release folded from its own stream: always the caller's last write. */
export const loadRelease = async (store: EventStore, releaseId: string) => {
  const events = await store.readStream(releaseStream(releaseId));
  const state = fold(
    releaseDecider,
    events.map((e) => decodeEvent<ReleaseEvent>(e)),
  );
  if (state.status === 'unplanned')
    throw new DomainError('not_found', 'release_not_found', 'There is no such release.');
  return { release: state, revision: events.length - 1 };
};

/**
 * Everyone sees every release (the trains are no secret), but of its fixes only the tickets they
 * may see by name, the others as a count — as in the release notes (fixesSeenBy).
 */
const asSeenBy = (release: PlannedRelease, principal: Principal, involvement: FixInvolvement) => {
  const postponed = release.postponedFrom !== undefined;
  const { named, others } = fixesSeenBy(release, principal, involvement);
  return { ...release, postponed, fixes: named, otherFixes: others };
};

export class GetReleaseQuery {
  constructor(
    readonly releaseId: string,
    readonly principal: Principal,
  ) {}
}

@QueryHandler(GetReleaseQuery)
export class GetReleaseQueryHandler implements IQueryHandler<GetReleaseQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly tickets: ReleaseTicketDirectory,
  ) {}

  async execute({ releaseId, principal }: GetReleaseQuery) {
    const { release, revision } = await loadRelease(this.store, releaseId);
    const involvement = await fixInvolvement(this.tickets, release, principal);
    return { ...asSeenBy(release, principal, involvement), revision };
  }
}

export class ReleaseNotesQuery {
  constructor(
    readonly releaseId: string,
    readonly principal: Principal,
  ) {}
}

@QueryHandler(ReleaseNotesQuery)
export class ReleaseNotesQueryHandler implements IQueryHandler<ReleaseNotesQuery, string> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly tickets: ReleaseTicketDirectory,
  ) {}

  async execute({ releaseId, principal }: ReleaseNotesQuery) {
    const { release } = await loadRelease(this.store, releaseId);
    return renderReleaseNotes(release, principal, await fixInvolvement(this.tickets, release, principal));
  }
}

export interface ReleaseFilters {
  state?: ReleaseState;
  /** Planned on or after this day (YYYY-MM-DD). */
  from?: string;
  /** Planned on or before this day. */
  to?: string;
  limit: number;
  cursor?: string;
}

export class ListReleasesQuery {
  constructor(
    readonly principal: Principal,
    readonly filters: ReleaseFilters,
  ) {}
}

/** Releases by planned date, earliest first. */
@QueryHandler(ListReleasesQuery)
export class ListReleasesQueryHandler implements IQueryHandler<ListReleasesQuery> {
  constructor(private readonly readModel: ReleasesReadModel) {}

  async execute({ filters }: ListReleasesQuery) {
    const { state, from, to, limit, cursor } = filters;
    await this.readModel.includeCommittedWrites();
    // An empty id sorts before every id: "after (from, '')" includes the releases planned on `from`.
    const after = cursor ? decodeCursor(cursor) : from ? { value: from, id: '' } : undefined;
    const found = await this.readModel.views.find({
      where: state ? statusFilter(state) : {},
      sort: { field: 'plannedDate', direction: 'asc' },
      ...(after ? { after } : {}),
      limit: limit + 1,
    });
    // Sorted by date, so what lies beyond `to` is the tail: it ends the list.
    const inRange = to ? found.filter((release) => release.plannedDate <= to) : found;
    const page = inRange.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(listed),
      nextCursor:
        inRange.length > limit && last ? encodeCursor({ value: last.plannedDate, id: last.id }) : null,
    };
  }
}

const listed = ({ fixes, revision: _revision, ...release }: ReleaseView) => ({
  ...release,
  fixCount: fixes.length,
});
