import { EVENT_STORE, READ_STORE, type ReadStore } from '@helpdesk/platform';
import type { EventStore } from '@helpdesk/event-store';
import { eventFeed, ProjectionRunner, type ViewStore } from '@helpdesk/read-models';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type TicketView, ticketViewProjection } from '../projections/ticket-view';

/** How long a command waits for its own change to reach the read model before answering. */
const READ_YOUR_WRITES_MS = Number(process.env.READ_YOUR_WRITES_MS ?? 2000);

/** The ticket read model: kept up to date from the event store, queried by the API. */
@Injectable()
export class TicketReadModel implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TicketReadModel');
  private runner?: ProjectionRunner<TicketView>;
  views!: ViewStore<TicketView>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  async onApplicationBootstrap() {
    this.views = await this.readStore.views<TicketView>('ticket_views', [
      { organisationId: 1, updatedAt: -1 },
      { status: 1, updatedAt: -1 },
      { assigneeId: 1, updatedAt: -1 },
      { number: 1 },
    ]);
    this.runner = new ProjectionRunner(
      ticketViewProjection,
      eventFeed(this.store),
      this.views,
      this.readStore.checkpoints,
      {
        log: (message) => this.logger.log(message),
        error: (message, error) => this.logger.error(message, (error as Error)?.stack),
      },
    );
    // In memory (standalone) this replays the whole log at start; it reports its progress.
    await this.runner.start(await this.store.headPosition());
  }

  async onApplicationShutdown() {
    await this.runner?.stop();
  }

  /** Lets a caller read what it just wrote; after the timeout it answers anyway (eventual consistency). */
  async waitFor(position: bigint | undefined) {
    if (position === undefined || !this.runner) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.runner.caughtUpTo(position),
      new Promise((resolve) => (timer = setTimeout(resolve, READ_YOUR_WRITES_MS))),
    ]);
    clearTimeout(timer);
  }
}
