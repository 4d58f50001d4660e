import type { EventStore } from '@helpdesk/event-store';
import { EVENT_STORE, ProjectedReadModel, READ_STORE, type ReadStore } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { type NotificationLogEntry, notificationLogProjection } from '../projections/notification-log';
import { Bootstrapped } from './bootstrapped';

/** The delivery log: lists, and the dispatcher's queue of messages not yet sent. */
@Injectable()
export class NotificationLogReadModel extends ProjectedReadModel<NotificationLogEntry> {
  readonly ready = new Bootstrapped();

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_STORE) readStore: ReadStore) {
    super(store, readStore, notificationLogProjection, 'notification_log', [
      { status: 1, dueAt: 1 },
      { ticketId: 1, queuedAt: -1 },
      { organisationId: 1, queuedAt: -1 },
      { queuedAt: -1 },
      // A bounce names the message it returns by its Message-ID.
      { messageId: 1 },
    ]);
  }

  override async onApplicationBootstrap() {
    await this.ready.after(() => super.onApplicationBootstrap());
  }
}
