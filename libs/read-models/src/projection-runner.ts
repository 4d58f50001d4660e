import { LRUCache } from 'lru-cache';
import type { Projection, ProjectedEvent } from './projection';
import { withRevision } from './projection';
import type { CheckpointStore, View, ViewStore } from './view';

/** The global log as a projection needs it: catch up from a position, then follow. */
export interface EventFeed {
  /** Delivers every event after `fromPosition` (all when undefined) in global order, in pages. */
  subscribe(
    fromPosition: bigint | undefined,
    onEvents: (events: ProjectedEvent[]) => Promise<void>,
    onError?: (error: unknown) => void,
  ): { stop(): Promise<void> };
}

export interface ProjectionLogger {
  log(message: string): void;
  error?(message: string, error: unknown): void;
}

const CHECKPOINT_EVERY_EVENTS = 200;
/**
 * Also how late the shared checkpoint may trail the documents when the log goes quiet: a replica
 * that does not run this projection waits on the checkpoint to read its own writes.
 */
const CHECKPOINT_EVERY_MS = 200;
const MAX_WRITE_ATTEMPTS = 5;
/** Documents written at once: a page touches many tickets, and their writes are independent. */
const WRITE_CONCURRENCY = 8;
/** Documents kept in memory, so that the next event of a busy ticket needs no read first. */
const CACHED_DOCUMENTS = 5000;

/**
 * Runs a projection: applies each event to its document once (skipping what the document's
 * revision says it already has), and remembers its global position so a restart resumes
 * there. Checkpoints are saved every few events, not every event: replaying a few after a
 * crash is harmless because documents skip what they already applied.
 *
 * It works a page of the log at a time: the events of one document in a page become one
 * write, the documents of a page are written in parallel, and the documents it wrote last
 * are kept in memory. A read store that is slow per operation (FerretDB) then keeps up with
 * hundreds of commands a second. The cache is only a guess: every write is still guarded by
 * the stored revision, and a refused write reads the document again.
 */
export class ProjectionRunner<V extends View> {
  private subscription?: { stop(): Promise<void> };
  private position?: bigint;
  private savedPosition?: bigint;
  private lastSave = Date.now();
  private readonly waiters: Array<{ position: bigint; resolve: () => void }> = [];
  private handled = 0;
  private handledAtSave = 0;
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private trailingSave?: NodeJS.Timeout;
  private readonly cache = new LRUCache<string, V>({ max: CACHED_DOCUMENTS });

  constructor(
    private readonly projection: Projection<V>,
    private readonly feed: EventFeed,
    private readonly views: ViewStore<V>,
    private readonly checkpoints: CheckpointStore,
    private readonly logger: ProjectionLogger = { log: () => undefined },
  ) {}

  /** The position of the last event applied: what the projection's lag is measured from. */
  get appliedPosition(): bigint | undefined {
    return this.position;
  }

  /**
   * Resumes after the checkpoint and follows the log. Given the log's last position now,
   * it resolves once that is applied, logging progress every two seconds on the way:
   * a replay of a large log says how far it got.
   */
  async start(head?: bigint) {
    this.position = this.savedPosition = await this.checkpoints.load(this.projection.name);
    this.logger.log(`projection ${this.projection.name} resumes after position ${this.position ?? 'start'}`);
    await this.follow(head);
  }

  async stop() {
    clearTimeout(this.retryTimer);
    clearTimeout(this.trailingSave);
    this.trailingSave = undefined;
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.saveCheckpoint();
  }

  /** Drops the read model and replays the whole log into it, up to `head`, the log's last position now. */
  async rebuild(head: bigint | undefined) {
    await this.stop();
    await this.views.clear();
    this.cache.clear();
    await this.checkpoints.clear(this.projection.name);
    this.position = this.savedPosition = undefined;
    this.logger.log(`rebuilding ${this.projection.name} from the start of the log`);
    await this.follow(head);
  }

  private async follow(head: bigint | undefined) {
    const started = Date.now();
    const handledBefore = this.handled;
    this.subscribe();
    if (head === undefined || (this.position !== undefined && this.position >= head)) return;
    const progress = setInterval(
      () =>
        this.logger.log(
          `${this.projection.name}: ${this.handled - handledBefore} events applied, catching up`,
        ),
      2000,
    );
    try {
      await this.caughtUpTo(head);
    } finally {
      clearInterval(progress);
    }
    const seconds = (Date.now() - started) / 1000;
    this.logger.log(
      `${this.projection.name} caught up: ${this.handled - handledBefore} events in ${seconds.toFixed(1)} s`,
    );
  }

  /** Resolves once every event up to `position` is applied: read-your-writes for callers. */
  caughtUpTo(position: bigint): Promise<void> {
    if (this.position !== undefined && this.position >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  /**
   * A failing event (its store down, a bug in the projection) stops the feed; the runner
   * says so and tries again from where it got, backing off, so a read model never silently
   * stops while the process looks healthy.
   */
  private subscribe() {
    this.subscription = this.feed.subscribe(
      this.position,
      (events) => this.handle(events),
      (error) => {
        this.failures++;
        this.cache.clear();
        const delay = Math.min(30000, 500 * 2 ** (this.failures - 1));
        this.logger.error?.(
          `projection ${this.projection.name} failed at position ${this.position ?? 'start'}; retrying in ${delay} ms`,
          error,
        );
        this.retryTimer = setTimeout(() => this.subscription && this.subscribe(), delay);
      },
    );
  }

  private async handle(events: ProjectedEvent[]) {
    const byDocument = new Map<string, ProjectedEvent[]>();
    for (const event of events) {
      const id = this.projection.documentId(event);
      if (id !== undefined) byDocument.set(id, [...(byDocument.get(id) ?? []), event]);
    }
    await inParallel([...byDocument], WRITE_CONCURRENCY, ([id, ofDocument]) => this.apply(id, ofDocument));
    // The highest, not the last: a redelivered event may come after newer ones.
    for (const { position } of events)
      if (this.position === undefined || position > this.position) this.position = position;
    this.handled += events.length;
    this.failures = 0;
    this.releaseWaiters();
    if (this.checkpointDue()) await this.saveCheckpoint();
    else this.saveLater();
  }

  /** The last page of a burst is saved too, shortly after, not only at the next event. */
  private saveLater() {
    this.trailingSave ??= setTimeout(() => {
      this.trailingSave = undefined;
      if (this.subscription)
        this.saveCheckpoint().catch((error) =>
          this.logger.error?.(`projection ${this.projection.name}: checkpoint not saved`, error),
        );
    }, CHECKPOINT_EVERY_MS);
  }

  /** Applies one document's events of a page, in their order, with one guarded write. */
  private async apply(id: string, events: ProjectedEvent[]) {
    // A stream's first event creates its document: nothing to read (a redelivered one fails
    // the guarded insert below, and is then read and skipped).
    let current = this.cache.get(id) ?? (events[0].revision === 0 ? undefined : await this.views.get(id));
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      let next = current;
      for (const event of events) {
        if (!next || event.revision > next.revision)
          next = withRevision(this.projection.evolve(next, event), event);
      }
      if (!next || next === current) return; // already applied
      const stored = { ...next, id };
      if (await this.views.put(stored, current?.revision)) {
        this.cache.set(id, stored);
        return;
      }
      // Another runner wrote this document meanwhile: read it again and decide anew.
      this.cache.delete(id);
      current = await this.views.get(id);
    }
    throw new Error(`projection ${this.projection.name}: document ${id} kept changing under us`);
  }

  // Counted in events, not by subtracting positions: positions are ordered, not dense.
  private checkpointDue() {
    if (this.position === undefined) return false;
    return (
      this.handled - this.handledAtSave >= CHECKPOINT_EVERY_EVENTS ||
      Date.now() - this.lastSave >= CHECKPOINT_EVERY_MS
    );
  }

  private async saveCheckpoint() {
    if (this.position === undefined || this.position === this.savedPosition) return;
    await this.checkpoints.save(this.projection.name, this.position);
    this.savedPosition = this.position;
    this.handledAtSave = this.handled;
    this.lastSave = Date.now();
  }

  private releaseWaiters() {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.position !== undefined && this.position >= this.waiters[i].position) {
        this.waiters[i].resolve();
        this.waiters.splice(i, 1);
      }
    }
  }
}

/** Runs `work` over the items with at most `limit` in flight; fails with the first failure. */
const inParallel = async <T>(items: T[], limit: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};
