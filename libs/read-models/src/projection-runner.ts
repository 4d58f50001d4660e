import type { Projection, ProjectedEvent } from './projection';
import { withRevision } from './projection';
import type { CheckpointStore, View, ViewStore } from './view';

/** The global log as a projection needs it: catch up from a position, then follow. */
export interface EventFeed {
  /** Delivers every event after `fromPosition` (all when undefined) in global order, one at a time. */
  subscribe(
    fromPosition: bigint | undefined,
    onEvent: (event: ProjectedEvent) => Promise<void>,
    onError?: (error: unknown) => void,
  ): { stop(): Promise<void> };
}

export interface ProjectionLogger {
  log(message: string): void;
  error?(message: string, error: unknown): void;
}

const CHECKPOINT_EVERY_EVENTS = 200;
const CHECKPOINT_EVERY_MS = 1000;
const MAX_WRITE_ATTEMPTS = 5;

/**
 * Runs a projection: applies each event to its document once (skipping what the document's
 * revision says it already has), and remembers its global position so a restart resumes
 * there. Checkpoints are saved every few events, not every event: replaying a few after a
 * crash is harmless because documents skip what they already applied.
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

  constructor(
    private readonly projection: Projection<V>,
    private readonly feed: EventFeed,
    private readonly views: ViewStore<V>,
    private readonly checkpoints: CheckpointStore,
    private readonly logger: ProjectionLogger = { log: () => undefined },
  ) {}

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
      (event) => this.handle(event),
      (error) => {
        this.failures++;
        const delay = Math.min(30000, 500 * 2 ** (this.failures - 1));
        this.logger.error?.(
          `projection ${this.projection.name} failed at position ${this.position ?? 'start'}; retrying in ${delay} ms`,
          error,
        );
        this.retryTimer = setTimeout(() => this.subscription && this.subscribe(), delay);
      },
    );
  }

  private async handle(event: ProjectedEvent) {
    const id = this.projection.documentId(event);
    if (id !== undefined) await this.apply(id, event);
    this.position = event.position;
    this.handled++;
    this.failures = 0;
    this.releaseWaiters();
    if (this.checkpointDue()) await this.saveCheckpoint();
  }

  private async apply(id: string, event: ProjectedEvent) {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await this.views.get(id);
      if (current && current.revision >= event.revision) return; // already applied
      const next = withRevision(this.projection.evolve(current, event), event);
      if (await this.views.put({ ...next, id }, current?.revision)) return;
      // Another runner wrote this document meanwhile: read it again and decide anew.
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
