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

/** How long a list waits for the read model to hold every write committed before it was asked. */
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

  /**
   * Read-your-writes for lists, paid by the reader instead of every command: waits until the
   * projection has applied everything committed before now, at most READ_YOUR_WRITES_MS (then
   * it answers from what it has: eventual consistency, never an error).
   */
  async includeCommittedWrites() {
    const head = await this.store.headPosition();
    if (head === undefined || !this.runner) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.runner.caughtUpTo(head),
      new Promise((resolve) => (timer = setTimeout(resolve, READ_YOUR_WRITES_MS))),
    ]);
    clearTimeout(timer);
  }
}
