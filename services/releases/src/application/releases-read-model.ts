import type { EventStore } from '@helpdesk/event-store';
import { EVENT_STORE, ProjectedReadModel, READ_STORE, type ReadStore } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { type ReleaseView, releaseViewProjection } from '../projections/release-view';

/** Every release, for lists by state and planned date. */
@Injectable()
export class ReleasesReadModel extends ProjectedReadModel<ReleaseView> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_STORE) readStore: ReadStore) {
    super(store, readStore, releaseViewProjection, 'release_views', [
      { plannedDate: 1 },
      { status: 1, plannedDate: 1 },
    ]);
  }
}
