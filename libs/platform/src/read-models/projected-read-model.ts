import type { EventStore } from '@helpdesk/event-store';
import {
  eventFeed,
  type IndexSpec,
  type Projection,
  ProjectionRunner,
  type View,
  type ViewStore,
} from '@helpdesk/read-models';
import {
  type BeforeApplicationShutdown,
  Inject,
  Logger,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { eventsAfter, LagRegistry } from '../health/lag';
import type { Leases, LeaseTiming } from '../leases/lease';
import { type LeaseHandle, runUnderLease } from '../leases/run-under-lease';
import { isSharedReadStore, LEASE_TIMING, LEASES, type ReadStore } from '../runtime/runtime.module';

/** How long a list waits for the read model to hold every write committed before it was asked. */
const READ_YOUR_WRITES_MS = Number(process.env.READ_YOUR_WRITES_MS ?? 2000);

/**
 * A read model of this service's own events: a projection kept up to date from the event store
 * by a checkpointed runner, and the documents it writes, for queries. A service subclasses it
 * per read model (the subclass is the injectable, naming its projection and collection).
 *
 * When the read store is shared by the replicas (MongoDB), one of them runs the projection: the
 * holder of the lease `projection:<name>`, the others standing by; in memory every process has
 * documents of its own and runs its own.
 */
export abstract class ProjectedReadModel<V extends View>
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger: Logger;
  private runner?: ProjectionRunner<V>;
  private lease?: LeaseHandle;
  // Injected as properties: the subclasses' constructors stay as they are.
  @Inject(LEASES) private readonly leases!: Leases;
  @Inject(LEASE_TIMING) private readonly leaseTiming!: LeaseTiming;
  views!: ViewStore<V>;
  // A property, not a constructor parameter: every read model's constructor stays as it is.
  @Optional() @Inject(LagRegistry) private readonly lags?: LagRegistry;

  protected constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly projection: Projection<V>,
    private readonly collection: string,
    private readonly indexes: IndexSpec[] = [],
  ) {
    this.logger = new Logger(projection.name);
  }

  async onApplicationBootstrap() {
    this.views = await this.readStore.views<V>(this.collection, this.indexes);
    const runner = () =>
      new ProjectionRunner(this.projection, eventFeed(this.store), this.views, this.readStore.checkpoints, {
        log: (message) => this.logger.log(message),
        error: (message, error) => this.logger.error(message, (error as Error)?.stack),
      });
    // A standby runs no projection: its lag is the holder's to report.
    this.lags?.register({
      kind: 'projection',
      name: this.projection.name,
      lag: async () => (this.runner ? eventsAfter(this.store, this.runner.appliedPosition) : 0),
    });
    if (isSharedReadStore(this.readStore)) {
      // Not awaited to the log's head: a standby must not hold up its process's start.
      this.lease = runUnderLease(
        this.leases,
        `projection:${this.projection.name}`,
        {
          start: async () => {
            this.runner = runner();
            await this.runner.start();
          },
          stop: async () => {
            const stopping = this.runner;
            this.runner = undefined;
            await stopping?.stop();
          },
        },
        this.leaseTiming,
        this.logger,
      );
      await this.lease.firstAttempt;
      return;
    }
    this.runner = runner();
    // In memory (standalone) this replays the whole log at start; it reports its progress.
    await this.runner.start(await this.store.headPosition());
  }

  /** Before the stores close: its last position is saved while the read store is still open. */
  async beforeApplicationShutdown() {
    if (this.lease) await this.lease.stop();
    else await this.runner?.stop();
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
