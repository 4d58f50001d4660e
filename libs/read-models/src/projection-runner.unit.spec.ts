import type { Projection, ProjectedEvent } from './projection';
import { foldView } from './projection';
import { type EventFeed, ProjectionRunner } from './projection-runner';
import { InMemoryCheckpointStore, InMemoryViewStore } from './stores/in-memory.store';
import type { View } from './view';

interface Counter extends View {
  total: number;
  applied: number;
}

const counters: Projection<Counter> = {
  name: 'counters',
  documentId: (event) => (event.type === 'Added' ? event.streamId : undefined),
  evolve: (current, event) => ({
    id: event.streamId,
    revision: event.revision,
    total: (current?.total ?? 0) + (event.data as { by: number }).by,
    applied: (current?.applied ?? 0) + 1,
  }),
};

/**
 * A global log in memory, delivered in pages of seven, that can deliver some events twice
 * (in the same page and again in the next), as an at-least-once feed may.
 */
class ReplayingFeed implements EventFeed {
  readonly log: ProjectedEvent[] = [];
  constructor(
    private readonly redeliverEvery = 0,
    private readonly pageSize = 7,
  ) {}

  append(streamId: string, type: string, data: unknown) {
    const revision = this.log.filter((e) => e.streamId === streamId).length;
    const event = {
      streamId,
      revision,
      position: BigInt(this.log.length + 1),
      type,
      data,
      recordedAt: new Date(),
    };
    this.log.push(event);
    return event;
  }

  subscribe(
    from: bigint | undefined,
    onEvents: (events: ProjectedEvent[]) => Promise<void>,
    onError?: (e: unknown) => void,
  ) {
    let stopped = false;
    const run = async () => {
      const events = this.log.filter((e) => from === undefined || e.position > from);
      for (let i = 0; i < events.length && !stopped; i += this.pageSize) {
        const page = events.slice(i, i + this.pageSize);
        const again = page.filter(
          (e) => this.redeliverEvery && Number(e.position) % this.redeliverEvery === 0,
        );
        await onEvents([...page, ...again]);
        if (again.length) await onEvents(again);
      }
    };
    const done = run().catch((error) => onError?.(error));
    return { stop: async () => ((stopped = true), await done) };
  }
}

const fill = (feed: ReplayingFeed) => {
  for (let i = 0; i < 30; i++) feed.append(`counter-${i % 3}`, i % 5 === 0 ? 'Ignored' : 'Added', { by: i });
  return feed.log[feed.log.length - 1].position;
};
const expected = (feed: ReplayingFeed, id: string) =>
  foldView(
    counters,
    feed.log.filter((e) => e.streamId === id),
  );

describe('ProjectionRunner', () => {
  it('applies each event once even when the feed delivers some twice', async () => {
    const feed = new ReplayingFeed(2);
    const head = fill(feed);
    const views = new InMemoryViewStore<Counter>();
    const runner = new ProjectionRunner(counters, feed, views, new InMemoryCheckpointStore());
    await runner.start();
    await runner.caughtUpTo(head);
    for (const id of ['counter-0', 'counter-1', 'counter-2'])
      expect(await views.get(id)).toEqual(expected(feed, id));
    expect((await views.get('counter-1'))?.applied).toBe(8);
  });

  it('resumes after its checkpoint when restarted', async () => {
    const feed = new ReplayingFeed();
    fill(feed);
    const views = new InMemoryViewStore<Counter>();
    const checkpoints = new InMemoryCheckpointStore();
    const first = new ProjectionRunner(counters, feed, views, checkpoints);
    await first.start();
    await first.caughtUpTo(30n);
    await first.stop();
    expect(await checkpoints.load('counters')).toBe(30n);

    const later = feed.append('counter-0', 'Added', { by: 1000 });
    const seen: bigint[] = [];
    const spyFeed: EventFeed = {
      subscribe: (from, onEvents) =>
        feed.subscribe(from, async (page) => (seen.push(...page.map((e) => e.position)), onEvents(page))),
    };
    const second = new ProjectionRunner(counters, spyFeed, views, checkpoints);
    await second.start();
    await second.caughtUpTo(later.position);
    expect(seen).toEqual([later.position]);
    expect(await views.get('counter-0')).toEqual(expected(feed, 'counter-0'));
  });

  it('saves its checkpoint once per page, at the last position of the page, even when positions are sparse', async () => {
    const feed = new ReplayingFeed();
    for (let i = 0; i < 450; i++) feed.append(`counter-${i % 3}`, 'Added', { by: 1 });
    const sparse: EventFeed = {
      subscribe: (from, onEvents, onError) =>
        feed.subscribe(
          from === undefined ? undefined : from / 1000n,
          (page) => onEvents(page.map((e) => ({ ...e, position: e.position * 1000n }))),
          onError,
        ),
    };
    const saved: bigint[] = [];
    const checkpoints = new InMemoryCheckpointStore();
    const spy = Object.assign(Object.create(checkpoints), {
      save: async (name: string, position: bigint) => (
        saved.push(position),
        checkpoints.save(name, position)
      ),
    });
    const runner = new ProjectionRunner(counters, sparse, new InMemoryViewStore<Counter>(), spy);
    await runner.start();
    await runner.caughtUpTo(450_000n);
    await runner.stop();
    // Pages of seven: 64 full ones and the last of two.
    const pageEnds = Array.from({ length: 64 }, (_, i) => BigInt((i + 1) * 7_000)).concat(450_000n);
    expect(saved).toEqual(pageEnds);
  });

  it('writes each document once per page, however many of its events the page holds', async () => {
    const feed = new ReplayingFeed(0, 10);
    for (let i = 0; i < 40; i++) feed.append(`counter-${i % 2}`, 'Added', { by: 1 });
    const views = new InMemoryViewStore<Counter>();
    const bulkWrites: string[][] = [];
    const spy = Object.assign(Object.create(views), {
      putMany: async (writes: Parameters<typeof views.putMany>[0]) => (
        bulkWrites.push(writes.map((w) => w.view.id)),
        views.putMany(writes)
      ),
      put: async () => {
        throw new Error('a single put outside a conflict');
      },
    });
    const runner = new ProjectionRunner(counters, feed, spy, new InMemoryCheckpointStore());
    await runner.start();
    await runner.caughtUpTo(40n);
    await runner.stop();
    expect(bulkWrites).toEqual(Array.from({ length: 4 }, () => ['counter-0', 'counter-1']));
    expect(await views.get('counter-1')).toEqual(expected(feed, 'counter-1'));
  });

  it('rebuilds from zero to the same documents', async () => {
    const feed = new ReplayingFeed();
    const head = fill(feed);
    const views = new InMemoryViewStore<Counter>();
    const runner = new ProjectionRunner(counters, feed, views, new InMemoryCheckpointStore());
    await runner.start();
    await runner.caughtUpTo(head);
    await views.put({ id: 'stray', revision: 0, total: -1, applied: 0 }, undefined);
    const logged: string[] = [];
    const rebuilding = new ProjectionRunner(counters, feed, views, new InMemoryCheckpointStore(), {
      log: (m) => logged.push(m),
    });
    await rebuilding.rebuild(head);
    expect(await views.get('stray')).toBeUndefined();
    expect(await views.get('counter-2')).toEqual(expected(feed, 'counter-2'));
    expect(logged[logged.length - 1]).toMatch(/^counters caught up: 30 events in /);
  });

  it('retries a failing event instead of stopping for good', async () => {
    const feed = new ReplayingFeed();
    const head = fill(feed);
    const views = new InMemoryViewStore<Counter>();
    let failuresLeft = 2;
    const flaky: Projection<Counter> = {
      ...counters,
      evolve: (current, event) => {
        if (event.position === 17n && failuresLeft-- > 0) throw new Error('read store unavailable');
        return counters.evolve(current, event);
      },
    };
    const errors: string[] = [];
    const runner = new ProjectionRunner(flaky, feed, views, new InMemoryCheckpointStore(), {
      log: () => undefined,
      error: (message) => errors.push(message),
    });
    await runner.start();
    await runner.caughtUpTo(head);
    await runner.stop();
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/failed at position 14; retrying/);
    for (const id of ['counter-0', 'counter-1', 'counter-2'])
      expect(await views.get(id)).toEqual(expected(feed, id));
  });

  it('gives the same documents when two runners race over the same log', async () => {
    const feed = new ReplayingFeed();
    const head = fill(feed);
    const views = new InMemoryViewStore<Counter>();
    const a = new ProjectionRunner(counters, feed, views, new InMemoryCheckpointStore());
    const b = new ProjectionRunner(counters, feed, views, new InMemoryCheckpointStore());
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.caughtUpTo(head), b.caughtUpTo(head)]);
    for (const id of ['counter-0', 'counter-1', 'counter-2'])
      expect(await views.get(id)).toEqual(expected(feed, id));
  });
});
