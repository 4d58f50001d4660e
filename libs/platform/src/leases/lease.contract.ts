import { randomUUID } from 'node:crypto';
import type { Leases, LeaseTiming } from './lease';
import { type LeaseHandle, runUnderLease } from './run-under-lease';

/**
 * What every Leases adapter must do, run against its real store: one suite, so the PostgreSQL
 * lock, the MongoDB document and the in-memory table cannot drift apart.
 */
export interface LeaseSubject {
  /** A new holder, as another process would be (its own connection where the adapter has one). */
  open(): Promise<Leases>;
  /** What a kill -9 leaves on the store's side: the holder's connection dies, if it has one. */
  kill(holder: Leases): Promise<void>;
  /** The store frees the holder's lease behind its back (its connection terminated, its document expired). */
  takeAway(holder: Leases, name: string): Promise<void>;
  timing: LeaseTiming;
}

/** A holder cut off from its store from one moment on: every call fails, as in a dead process. */
const silenceable = (leases: Leases) => {
  let silent = false;
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A) =>
      silent ? Promise.reject(new Error('this holder is cut off')) : call(...args);
  const wrapped: Leases & { silence(): void } = {
    holderId: leases.holderId,
    acquire: guard((name, ttl) => leases.acquire(name, ttl)),
    renew: guard((name, ttl) => leases.renew(name, ttl)),
    release: guard((name) => leases.release(name)),
    close: () => leases.close(),
    silence: () => (silent = true),
  };
  return wrapped;
};

const quiet = { log: () => undefined, warn: () => undefined };

const until = async (condition: () => boolean, withinMs: number) => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
};

/** Work that records whether it runs, to see who works when. */
const recordedWork = () => {
  const work = {
    running: false,
    starts: 0,
    async start() {
      work.running = true;
      work.starts++;
    },
    async stop() {
      work.running = false;
    },
  };
  return work;
};

export const leaseContract = (adapter: string, subject: () => LeaseSubject) => {
  describe(`${adapter} leases`, () => {
    let s: LeaseSubject;
    const holders: Leases[] = [];
    const open = async () => {
      const holder = await s.open();
      holders.push(holder);
      return holder;
    };
    const name = () => `lease-${randomUUID().slice(0, 8)}`;

    beforeEach(() => {
      s = subject();
    });
    afterEach(async () => {
      await Promise.all(holders.splice(0).map((h) => h.close().catch(() => undefined)));
    });

    it('gives a lease that two holders ask for at the same moment to exactly one', async () => {
      const [a, b, c] = [await open(), await open(), await open()];
      const lease = name();
      const taken = await Promise.all([a, b, c].map((h) => h.acquire(lease, s.timing.ttlMs)));
      expect(taken.filter(Boolean)).toHaveLength(1);
      const holder = [a, b, c][taken.indexOf(true)];
      expect(await holder.renew(lease, s.timing.ttlMs)).toBe(true);
      expect(await holder.acquire(lease, s.timing.ttlMs)).toBe(true);
      for (const other of [a, b, c].filter((h) => h !== holder)) {
        expect(await other.acquire(lease, s.timing.ttlMs)).toBe(false);
        expect(await other.renew(lease, s.timing.ttlMs)).toBe(false);
      }
    });

    it('keeps a renewed lease past its TTL, and frees a released one at once', async () => {
      const [a, b] = [await open(), await open()];
      const lease = name();
      expect(await a.acquire(lease, s.timing.ttlMs)).toBe(true);
      const until = Date.now() + s.timing.ttlMs * 1.5;
      while (Date.now() < until) {
        expect(await a.renew(lease, s.timing.ttlMs)).toBe(true);
        expect(await b.acquire(lease, s.timing.ttlMs)).toBe(false);
        await new Promise((resolve) => setTimeout(resolve, s.timing.renewMs));
      }
      await a.release(lease);
      expect(await b.acquire(lease, s.timing.ttlMs)).toBe(true);
      expect(await a.renew(lease, s.timing.ttlMs)).toBe(false);
    });

    it('lets a standby take over within the TTL when the holder dies without a word', async () => {
      const [a, b] = [silenceable(await open()), await open()];
      const [workA, workB] = [recordedWork(), recordedWork()];
      const lease = name();
      const handleA = runUnderLease(a, lease, workA, s.timing, quiet);
      await handleA.firstAttempt;
      const handleB = runUnderLease(b, lease, workB, s.timing, quiet);
      await handleB.firstAttempt;
      expect([handleA.held, workA.running, handleB.held, workB.running]).toEqual([true, true, false, false]);

      a.silence();
      await s.kill(a);
      const takeover = await until(() => workB.running, s.timing.ttlMs + 2 * s.timing.renewMs);
      // The cut-off holder noticed on its own and stopped: never two at work.
      expect(workA.running).toBe(false);
      expect(handleA.held).toBe(false);
      expect(takeover).toBeLessThanOrEqual(s.timing.ttlMs + 2 * s.timing.renewMs);
      await Promise.all([handleA.stop(), handleB.stop()]);
    });

    it('stops the work of a holder whose lease was taken behind its back', async () => {
      const [a, b] = [await open(), await open()];
      const [workA, workB] = [recordedWork(), recordedWork()];
      const lease = name();
      const handleA = runUnderLease(a, lease, workA, s.timing, quiet);
      await handleA.firstAttempt;
      const handleB = runUnderLease(b, lease, workB, s.timing, quiet);
      await handleB.firstAttempt;
      expect(workA.running).toBe(true);

      await s.takeAway(a, lease);
      await until(() => workB.running, s.timing.renewMs * 3);
      await until(() => !workA.running, s.timing.renewMs * 3);
      expect(handleA.held).toBe(false);
      // It asks again, but the lease is the other's now.
      await new Promise((resolve) => setTimeout(resolve, s.timing.renewMs * 2));
      expect([workA.running, workB.running]).toEqual([false, true]);
      await Promise.all([handleA.stop(), handleB.stop()]);
    });

    it('never runs the work on two holders at once while they compete, and hands over on stop', async () => {
      const [a, b] = [await open(), await open()];
      const works = [recordedWork(), recordedWork()];
      const lease = name();
      const handles: LeaseHandle[] = [a, b].map((h, i) => runUnderLease(h, lease, works[i], s.timing, quiet));
      await Promise.all(handles.map((h) => h.firstAttempt));
      const sampleUntil = Date.now() + s.timing.renewMs * 4;
      while (Date.now() < sampleUntil) {
        expect(works.filter((w) => w.running)).toHaveLength(1);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const holder = works[0].running ? 0 : 1;
      await handles[holder].stop();
      expect(works[holder].running).toBe(false);
      // Released, not expired: the standby takes it at its next attempt.
      await until(() => works[1 - holder].running, s.timing.renewMs * 3);
      await handles[1 - holder].stop();
      expect(works[1 - holder].running).toBe(false);
    });
  });
};
