import { inSpan } from '@helpdesk/contracts';
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

const MAX_WRITE_ATTEMPTS = 5;
/** Documents written again at once after another runner moved them on: their writes are independent. */
const WRITE_CONCURRENCY = 8;
/** Documents kept in memory, so that the next event of a busy ticket needs no read first. */
const CACHED_DOCUMENTS = 5000;

/**
 * Runs a projection: applies each event to its document once (skipping what the document's
 * revision says it already has), and remembers its global position so a restart resumes
 * there.
 *
 * It works a page of the log at a time (coalescing): the documents the page touches are
 * loaded, each gets all of its events of the page applied, and every changed document is
 * written once, all in one guarded bulk write; then the checkpoint is saved, once per page.
 * A read store that is slow per operation (FerretDB) then costs a few round trips a page,
 * not a few an event. The documents it wrote last are kept in memory, so the next event of a
 * busy ticket needs no read. The cache is only a guess: every write is still guarded by the
 * stored revision, and a refused write reads the document again and decides anew.
 */
export class ProjectionRunner<V extends View> {
  private subscription?: { stop(): Promise<void> };
  private position?: bigint;
  private savedPosition?: bigint;
  private readonly waiters: Array<{ position: bigint; resolve: () => void }> = [];
  private handled = 0;
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
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

  /** One span a page (its events are of many requests: a page is not part of any one trace). */
  private handle(events: ProjectedEvent[]) {
    return inSpan(
      `project ${this.projection.name}`,
      { attributes: { 'helpdesk.projection': this.projection.name, 'helpdesk.events': events.length } },
      () => this.handlePage(events),
    );
  }

  private async handlePage(events: ProjectedEvent[]) {
    const byDocument = new Map<string, ProjectedEvent[]>();
    for (const event of events) {
      const id = this.projection.documentId(event);
      if (id === undefined) continue;
      const ofDocument = byDocument.get(id);
      if (ofDocument) ofDocument.push(event);
      else byDocument.set(id, [event]);
    }
    await this.writeOnce(byDocument);
    // The highest, not the last: a redelivered event may come after newer ones.
    for (const { position } of events)
      if (this.position === undefined || position > this.position) this.position = position;
    this.handled += events.length;
    this.failures = 0;
    this.releaseWaiters();
    await this.saveCheckpoint();
  }

  /** Each document of the page: loaded (unless cached or new), all its events applied, one write. */
  private async writeOnce(byDocument: Map<string, ProjectedEvent[]>) {
    // A stream's first event creates its document: nothing to read (a redelivered one fails
    // the guarded insert, and is then read and skipped).
    const unknown = [...byDocument]
      .filter(([id, ofDocument]) => !this.cache.has(id) && ofDocument[0].revision !== 0)
      .map(([id]) => id);
    const loaded = unknown.length ? await this.views.getMany(unknown) : new Map<string, V>();
    const changes: Array<{ id: string; events: ProjectedEvent[]; current?: V; next: V }> = [];
    for (const [id, ofDocument] of byDocument) {
      const current = this.cache.get(id) ?? loaded.get(id);
      const next = this.fold(id, current, ofDocument);
      if (next) changes.push({ id, events: ofDocument, current, next });
    }
    const stored = await this.views.putMany(
      changes.map(({ next, current }) => ({ view: next, expectedRevision: current?.revision })),
    );
    const refused = changes.filter((change, i) => {
      if (stored[i]) this.cache.set(change.id, change.next);
      else this.cache.delete(change.id);
      return !stored[i];
    });
    await inParallel(refused, WRITE_CONCURRENCY, ({ id, events }) => this.applyAgain(id, events));
  }

  /** The document after those of `events` it does not have yet; undefined when it has them all. */
  private fold(id: string, current: V | undefined, events: ProjectedEvent[]) {
    let next = current;
    for (const event of events) {
      if (!next || event.revision > next.revision)
        next = withRevision(this.projection.evolve(next, event), event);
    }
    return next && next !== current ? { ...next, id } : undefined;
  }

  /** Another runner wrote this document meanwhile: read it again and decide anew. */
  private async applyAgain(id: string, events: ProjectedEvent[]) {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await this.views.get(id);
      const next = this.fold(id, current, events);
      if (!next) return; // already applied
      if (await this.views.put(next, current?.revision)) {
        this.cache.set(id, next);
        return;
      }
    }
    throw new Error(`projection ${this.projection.name}: document ${id} kept changing under us`);
  }

  private async saveCheckpoint() {
    if (this.position === undefined || this.position === this.savedPosition) return;
    await this.checkpoints.save(this.projection.name, this.position);
    this.savedPosition = this.position;
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
