import { type BackOff, backOffDelay, brokerBackOff } from './back-off';

/** How long stop() waits for an attempt in flight before stopping under it. */
const STOP_WAIT_MS = 2000;

export type BackgroundState = 'connecting' | 'running' | 'waiting' | 'stopped';

export interface BackgroundLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface BackgroundTaskOptions {
  /** What the task is, in its log lines and in readiness details: `relay helpdesk.tickets.v1`. */
  name: string;
  /** Connects and starts the work; resolves once it runs. Called again after every failure. */
  start: () => Promise<void>;
  /** Undoes a start that failed half-way, and stops a running one. Must not throw for a half start. */
  stop: () => Promise<void>;
  logger: BackgroundLogger;
  backOff?: BackOff;
  random?: () => number;
}

/**
 * Runs `start` in the background until it succeeds, retrying forever with a capped back-off: a
 * process listens at once and its Kafka side joins when the broker lets it. It logs when its
 * state or the reason changes, not at every retry, so an hour of broker outage is two lines.
 * A running task that fails later (`fail`) goes back to retrying.
 */
export class BackgroundTask {
  private current: BackgroundState = 'connecting';
  private lastProblem?: string;
  private attempt = 0;
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;
  private readonly backOff: BackOff;
  private readonly random: () => number;

  constructor(private readonly options: BackgroundTaskOptions) {
    this.backOff = options.backOff ?? brokerBackOff;
    this.random = options.random ?? Math.random;
  }

  get name() {
    return this.options.name;
  }

  get state(): BackgroundState {
    return this.current;
  }

  /** Why the last attempt failed, while it is not running. */
  get problem(): string | undefined {
    return this.current === 'running' ? undefined : this.lastProblem;
  }

  /** Begins trying; never rejects. */
  begin(): void {
    this.inFlight = this.tryOnce();
  }

  /** A running task broke (the consumer crashed for good): undo it and try again. */
  fail(error: unknown): void {
    if (this.current !== 'running') return;
    this.current = 'waiting';
    this.inFlight = this.options
      .stop()
      .catch(() => undefined)
      .then(() => this.failed(error));
  }

  /**
   * Stops retrying and stops the work. An attempt in flight (a connect to a dead broker can take
   * seconds) is given a moment; if it still succeeds later, it undoes itself.
   */
  async stop(): Promise<void> {
    const wasActive = this.current !== 'stopped';
    this.current = 'stopped';
    clearTimeout(this.timer);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.inFlight,
      new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS))),
    ]);
    clearTimeout(timer);
    if (wasActive) await this.options.stop();
  }

  // A method, not an inline comparison: the state changes while an attempt awaits.
  private stopped() {
    return this.current === 'stopped';
  }

  private async tryOnce(): Promise<void> {
    if (this.stopped()) return;
    try {
      await this.options.start();
    } catch (error) {
      if (this.stopped()) return;
      await this.options.stop().catch(() => undefined);
      return this.failed(error);
    }
    if (this.stopped()) return this.options.stop().catch(() => undefined);
    if (this.attempt > 0) this.options.logger.log(`${this.name} runs after ${this.attempt} retries`);
    else this.options.logger.log(`${this.name} runs`);
    this.current = 'running';
    this.attempt = 0;
    this.lastProblem = undefined;
  }

  private failed(error: unknown) {
    if (this.stopped()) return;
    const problem = describe(error);
    this.attempt++;
    const delay = backOffDelay(this.attempt, this.backOff, this.random());
    if (problem !== this.lastProblem) {
      this.options.logger.warn(
        `${this.name} waits for Kafka: ${problem}; retrying with back-off up to ${this.backOff.maxMs} ms`,
      );
    }
    this.lastProblem = problem;
    this.current = 'waiting';
    this.timer = setTimeout(() => {
      this.inFlight = this.tryOnce();
    }, delay);
  }
}

/** The message, unwrapped from kafkajs' "number of retries exceeded" to the cause a person can act on. */
const describe = (error: unknown): string => {
  const cause = (error as { cause?: unknown })?.cause;
  const message = (error as Error)?.message ?? String(error);
  return cause instanceof Error && cause.message && cause.message !== message
    ? `${message} (${cause.message})`
    : message;
};
