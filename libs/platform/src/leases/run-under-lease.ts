import { Gauge } from 'prom-client';
import { metricsRegistry } from '../metrics/metrics';
import type { Leases, LeaseTiming } from './lease';

const leaseHeld = new Gauge({
  name: 'helpdesk_lease_held',
  help: 'Whether this process holds the lease and runs its work (1) or stands by (0), per lease',
  labelNames: ['lease', 'holder'],
  registers: [metricsRegistry],
});

/** Work that runs only while this process holds its lease. `stop` is called once after each `start`. */
export interface LeasedWork {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface LeaseLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface LeaseHandle {
  /** This process holds the lease and its work was started. */
  readonly held: boolean;
  /** Settles after the first attempt to take the lease (and the start of the work, when taken). */
  readonly firstAttempt: Promise<void>;
  /** Stops the work and gives the lease up, for a standby to take at once. */
  stop(): Promise<void>;
}

const RELEASED = 'this process stops';

/** The store has not answered yet: slow, which is not the same as saying no. */
class NotAnsweredInTime extends Error {}

const timeout = <T>(promise: Promise<T>, ms: number, what: string) => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new NotAnsweredInTime(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

/**
 * Runs `work` while this process holds the lease `name`. Every `renewMs` it renews the lease (or,
 * standing by, asks for it). A renewal that fails stops the work at once; one that does not answer
 * within `renewMs` is tried again at the next interval while the lease cannot yet have expired, and
 * once it could (the TTL from the last confirmed renewal, less two intervals) the work stops, before the lease expires for
 * the others, so two holders never work at the same time. Another holder's lease stops it at once. A standby takes over within the TTL of
 * the holder's last renewal (at once when the store frees the lease with the holder's
 * connection), plus one interval.
 */
export const runUnderLease = (
  leases: Leases,
  name: string,
  work: LeasedWork,
  { ttlMs, renewMs }: LeaseTiming,
  logger: LeaseLogger,
): LeaseHandle => {
  const labels = { lease: name, holder: leases.holderId };
  leaseHeld.set(labels, 0);
  let held = false;
  let stopped = false;
  let starting: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  const startWork = () => {
    held = true;
    leaseHeld.set(labels, 1);
    logger.log(`lease ${name} taken by ${leases.holderId}: starting its work`);
    const started = work.start().then(
      () => true,
      (error: Error) => {
        logger.warn(`lease ${name}: its work failed to start (${error.message}); giving the lease up`);
        return false;
      },
    );
    starting = started.then(() => undefined);
    void started.then(async (ok) => {
      if (!ok) await stopWork('its work did not start');
    });
  };

  const stopWork = async (why: string) => {
    if (!held) return;
    held = false;
    leaseHeld.set(labels, 0);
    logger.warn(
      `lease ${name} ${why === RELEASED ? 'released' : 'lost'} by ${leases.holderId} (${why}): stopping its work`,
    );
    const started = starting;
    starting = undefined;
    await started;
    await work
      .stop()
      .catch((error: Error) => logger.warn(`lease ${name}: stopping failed: ${error.message}`));
    // A holder cut off from the store cannot release: its lease expires (or frees with its connection).
    await timeout(leases.release(name), renewMs, `releasing lease ${name}`).catch(() => undefined);
  };

  // When the last renewal (or acquisition) that the store confirmed was sent: the lease lasts
  // at least the TTL from then, whatever happened to the requests after it.
  let confirmedAt = 0;
  const attempt = async () => {
    const sentAt = Date.now();
    let ours: boolean;
    try {
      ours = await timeout(
        held ? leases.renew(name, ttlMs) : leases.acquire(name, ttlMs),
        renewMs,
        `lease ${name}`,
      );
    } catch (error) {
      if (!held) return;
      // A store that refuses or fails (its connection, and a PostgreSQL lock with it, may be gone)
      // stops the work at once. A slow answer (a loaded machine) is not a lost lease: the work
      // stops only once the lease could expire before the next renewal is answered.
      const slow = error instanceof NotAnsweredInTime;
      if (!slow || Date.now() - confirmedAt >= ttlMs - 2 * renewMs) await stopWork((error as Error).message);
      else logger.warn(`lease ${name}: renewal not answered yet (${error.message}); trying again`);
      return;
    }
    if (stopped) return;
    if (ours) confirmedAt = sentAt;
    if (ours && !held) startWork();
    else if (!ours && held) await stopWork('taken by another holder, or expired');
  };

  const firstTry = attempt();
  // Renewals go on while the work starts: a start that takes long must not let the lease expire.
  const running = firstTry.then(async () => {
    while (!stopped) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, renewMs);
      });
      if (!stopped) await attempt();
    }
  });

  return {
    get held() {
      return held;
    },
    firstAttempt: firstTry.then(() => starting),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await running;
      await stopWork(RELEASED);
      leaseHeld.remove(labels);
    },
  };
};
