import type { EventStore } from '@helpdesk/event-store';
import {
  eventFeed,
  type IndexSpec,
  type Projection,
  ProjectionRunner,
  type RecentWindow,
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
import { loadConsistencySettings } from '../consistency/consistency.settings';
import { ReadModelBehindError, requestConsistency } from '../consistency/read-your-writes';

/** How often a read waiting for a position looks at the shared checkpoint (another replica's runner). */
const CHECKPOINT_POLL_MS = 50;
const LOCAL_POLL_MS = 5;

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
  private readonly readYourWritesMs = loadConsistencySettings().readYourWritesMs;
  views!: ViewStore<V>;
  private viewsOpen!: () => void;
  /**
   * Resolves once `views` can be used (the projection may still be catching up): for a provider
   * that writes to the documents too, whose bootstrap Nest runs beside this one's.
   */
  readonly opened = new Promise<void>((resolve) => (this.viewsOpen = resolve));
  // A property, not a constructor parameter: every read model's constructor stays as it is.
  @Optional() @Inject(LagRegistry) private readonly lags?: LagRegistry;

  protected constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly projection: Projection<V>,
    private readonly collection: string,
    private readonly indexes: IndexSpec[] = [],
    private readonly recent?: RecentWindow,
  ) {
    this.logger = new Logger(projection.name);
  }

  async onApplicationBootstrap() {
    this.views = await this.readStore.views<V>(this.collection, this.indexes, this.recent);
    this.viewsOpen();
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
   * Read-your-writes, paid by the reader instead of every command. A request that names the
   * position of its write (X-Read-After) waits until this read model has applied it, here or on
   * whichever replica runs the projection (its shared checkpoint), at most READ_YOUR_WRITES_MS,
   * and is then refused with a 503 rather than answered without it. Without a position (and for
   * callers outside a request) it waits, at most as long, for the head of the log as readAll
   * sees it now: best effort, since an old transaction anywhere on a PostgreSQL server holds that
   * head back (README, "Read-your-writes").
   */
  async includeCommittedWrites() {
    const wanted = requestConsistency.readAfter();
    if (wanted !== undefined) return this.includePosition(wanted);
    const head = await this.store.headPosition();
    if (head === undefined || !this.runner) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.runner.caughtUpTo(head),
      new Promise((resolve) => (timer = setTimeout(resolve, this.readYourWritesMs))),
    ]);
    clearTimeout(timer);
  }

  private async includePosition(position: bigint) {
    const started = Date.now();
    let checkedAt = 0;
    let shared: bigint | undefined;
    for (;;) {
      const local = this.runner?.appliedPosition;
      if (local !== undefined && local >= position) return;
      if (Date.now() - checkedAt >= CHECKPOINT_POLL_MS) {
        checkedAt = Date.now();
        shared = await this.readStore.checkpoints.load(this.projection.name);
        if (shared !== undefined && shared >= position) return;
      }
      const waited = Date.now() - started;
      if (waited >= this.readYourWritesMs) {
        const applied = [local, shared].reduce<bigint | undefined>(
          (a, b) => (b === undefined || (a !== undefined && a >= b) ? a : b),
          undefined,
        );
        throw new ReadModelBehindError(this.projection.name, position, applied, waited);
      }
      await new Promise((resolve) => setTimeout(resolve, LOCAL_POLL_MS));
    }
  }
}
