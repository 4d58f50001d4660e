import { EventSubscriptions, OrganisationDirectory, READ_STORE, type ReadStore } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { Bootstrapped } from '../application/bootstrapped';

/** Whom to mail, at which address, in which language: the contacts and their organisation's language. */
@Injectable()
export class NotificationsOrganisationDirectory extends OrganisationDirectory {
  /** Caught up with helpdesk.contacts.v1 (in process: with every event already stored). */
  readonly ready = new Bootstrapped();

  constructor(@Inject(READ_STORE) readStore: ReadStore, subscriptions: EventSubscriptions) {
    super(readStore, subscriptions, 'notifications.directory');
  }

  override async onApplicationBootstrap() {
    await this.ready.after(() => super.onApplicationBootstrap());
  }
}
