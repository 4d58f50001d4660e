import { isNotYetKnown } from './not-yet-known';
import { defaultParkingCapacity, type ParkingCapacity } from './parking-capacity';

export interface ParkingPolicy {
  /** How long a message may wait for what it needs before it is dead-lettered (PARK_MAX_MS). */
  maxMs: number;
  /** The first wait before trying a parked message again; it doubles up to `retryMaxMs`. */
  retryInitialMs: number;
  retryMaxMs: number;
  /** How much one consumer may hold parked before it stops fetching (see nextFlow). */
  capacity?: ParkingCapacity;
}

export const defaultParkingPolicy: ParkingPolicy = {
  maxMs: 15 * 60 * 1000,
  retryInitialMs: 250,
  retryMaxMs: 5000,
  capacity: defaultParkingCapacity,
};

export interface ParkingLotOptions<M> {
  policy: ParkingPolicy;
  /** Handles a message: resolves, or throws NotYetKnown (any other error is the caller's to handle first). */
  handle(message: M): Promise<void>;
  /** A message whose dependency did not come in time: it goes where failed messages go. */
  giveUp(message: M, reason: string): Promise<void>;
  /** Something was parked or left the lot: a transport may now commit further, or fetch again. */
  onChange?(): void;
  /** A parked message's size in bytes, for the cap on what a consumer holds (PARK_MAX_BYTES). */
  sizeOf?(message: M): number;
  logger?: { warn(message: string): void; error(message: string): void };
  now?: () => number;
}

interface Parked<M> {
  message: M;
  /** Arrival order across keys, so the oldest parked message is known (the commit point). */
  arrival: number;
  since: number;
  dependency: string;
  bytes: number;
}

interface Lane<M> {
  waiting: Parked<M>[];
  attempts: number;
  timer?: NodeJS.Timeout;
  draining: boolean;
}

/**
 * Messages that wait for something another topic has not brought yet, in order per key: while
 * a key has a parked message, its later messages wait behind it (an alert's effects stay in the
 * order they were raised); other keys go on. A parked message is tried again with back-off until
 * its dependency arrives, or dead-lettered with the reason once `maxMs` has passed since it came.
 *
 * Only in memory: the transport must not commit past the oldest parked message (see `oldest`),
 * so a process that dies with messages here gets them again from the broker or the log, and the
 * idempotent handler skips the ones already handled behind them.
 */
export class ParkingLot<M> {
  private readonly lanes = new Map<string, Lane<M>>();
  private arrivals = 0;
  private heldBytes = 0;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly options: ParkingLotOptions<M>) {
    this.now = options.now ?? Date.now;
  }

  /** Handles the message now, or parks it (behind its key's parked ones, or because it needs what is missing). */
  async offer(key: string, message: M): Promise<void> {
    const lane = this.lanes.get(key);
    if (lane) {
      const behind = this.parked(message, 'the messages before it on this key');
      lane.waiting.push(behind);
      this.heldBytes += behind.bytes;
      this.options.onChange?.();
      return;
    }
    try {
      await this.options.handle(message);
    } catch (error) {
      if (!isNotYetKnown(error)) throw error;
      this.park(key, this.parked(message, error.dependency));
    }
  }

  /** The message parked longest, across keys: a transport commits no further than it. */
  oldest(): M | undefined {
    let oldest: Parked<M> | undefined;
    for (const { waiting } of this.lanes.values())
      if (waiting[0] && (!oldest || waiting[0].arrival < oldest.arrival)) oldest = waiting[0];
    return oldest?.message;
  }

  get size() {
    let count = 0;
    for (const { waiting } of this.lanes.values()) count += waiting.length;
    return count;
  }

  /** The bytes of every parked message (as `sizeOf` measures them; 0 without it). */
  get bytes() {
    return this.heldBytes;
  }

  /** Forgets every parked message (a revoked partition, a stopping process): the broker or log has them. */
  clear() {
    for (const lane of this.lanes.values()) clearTimeout(lane.timer);
    this.lanes.clear();
    this.heldBytes = 0;
  }

  close() {
    this.closed = true;
    this.clear();
  }

  private parked(message: M, dependency: string): Parked<M> {
    const bytes = this.options.sizeOf?.(message) ?? 0;
    return { message, arrival: this.arrivals++, since: this.now(), dependency, bytes };
  }

  private park(key: string, parked: Parked<M>) {
    if (this.closed) return;
    const lane: Lane<M> = { waiting: [parked], attempts: 0, draining: false };
    this.lanes.set(key, lane);
    this.heldBytes += parked.bytes;
    this.options.logger?.warn(`${key}: parked, waiting for ${parked.dependency}`);
    this.options.onChange?.();
    this.schedule(key, lane);
  }

  private schedule(key: string, lane: Lane<M>) {
    const { retryInitialMs, retryMaxMs } = this.options.policy;
    const delay = Math.min(retryMaxMs, retryInitialMs * 2 ** lane.attempts++);
    lane.timer = setTimeout(() => void this.drain(key, lane), delay);
  }

  /** Tries the key's parked messages in order, until one still waits or none is left. */
  private async drain(key: string, lane: Lane<M>) {
    if (lane.draining || this.lanes.get(key) !== lane) return;
    lane.draining = true;
    try {
      while (lane.waiting.length > 0 && this.lanes.get(key) === lane) {
        const head = lane.waiting[0];
        const outcome = await this.attempt(head);
        if (outcome === 'waits') {
          this.schedule(key, lane);
          return;
        }
        lane.waiting.shift();
        this.heldBytes -= head.bytes;
        lane.attempts = 0;
        if (lane.waiting.length === 0) this.lanes.delete(key);
        this.options.onChange?.();
      }
    } catch (error) {
      // The dead letter could not be written (its topic unreachable): try again later.
      this.options.logger?.error(`${key}: parked message not settled: ${(error as Error)?.message}`);
      if (this.lanes.get(key) === lane) this.schedule(key, lane);
    } finally {
      lane.draining = false;
    }
  }

  private async attempt(parked: Parked<M>): Promise<'handled' | 'waits' | 'given up'> {
    try {
      await this.options.handle(parked.message);
      return 'handled';
    } catch (error) {
      if (!isNotYetKnown(error)) throw error;
      parked.dependency = error.dependency;
      const waited = this.now() - parked.since;
      if (waited < this.options.policy.maxMs) return 'waits';
      await this.options.giveUp(
        parked.message,
        `${error.dependency} still not known after ${waited} ms (PARK_MAX_MS ${this.options.policy.maxMs})`,
      );
      return 'given up';
    }
  }
}
