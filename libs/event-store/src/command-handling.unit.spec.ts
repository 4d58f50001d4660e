import { withAggregateStateCache } from './aggregate-state-cache';
import { handleCommand } from './command-handling';
import { type Decider, DomainError } from './decider';
import { WrongExpectedRevisionError } from './errors';
import type { EventStore } from './event-store';
import { InMemoryEventStore } from './in-memory-event-store';

type Added = { type: 'Added'; data: { by: number } };
const counter: Decider<{ add: number }, Added, number> = {
  initialState: 0,
  decide: ({ add }, total) => {
    if (total + add > 10) throw new DomainError('illegal_transition', 'too_much', 'over ten');
    return add === 0 ? [] : [{ type: 'Added', data: { by: add } }];
  },
  evolve: (total, event) => total + event.data.by,
};
const metadata = {
  correlationId: 'req-1',
  actor: { id: 'a-1', role: 'agent' },
  occurredAt: '2026-11-24T10:00:00Z',
};

describe('handleCommand', () => {
  it('appends what the decider decides, with metadata, and answers the new revision', async () => {
    const store = new InMemoryEventStore();
    expect((await handleCommand(store, counter, 'c-1', { add: 2 }, { metadata })).revision).toBe(0);
    const second = await handleCommand(store, counter, 'c-1', { add: 3 }, { metadata });
    expect([second.revision, second.state]).toEqual([1, 5]);
    const [first] = await store.readStream('c-1');
    expect(first).toMatchObject({
      type: 'Added',
      data: { by: 2 },
      metadata: { ...metadata, schemaVersion: 1 },
    });
  });

  it('writes nothing when the decider decides nothing', async () => {
    const store = new InMemoryEventStore();
    expect(await handleCommand(store, counter, 'c-1', { add: 0 }, { metadata })).toEqual({
      events: [],
      state: 0,
      revision: -1,
    });
    expect(await store.readStream('c-1')).toEqual([]);
  });

  it('lets a refusal through and writes nothing', async () => {
    const store = new InMemoryEventStore();
    await expect(handleCommand(store, counter, 'c-1', { add: 11 }, { metadata })).rejects.toThrow('over ten');
    expect(await store.readStream('c-1')).toEqual([]);
  });

  it('reports a stale If-Match instead of retrying', async () => {
    const store = new InMemoryEventStore();
    await handleCommand(store, counter, 'c-1', { add: 1 }, { metadata });
    await expect(
      handleCommand(store, counter, 'c-1', { add: 1 }, { metadata, expectedRevision: 5 }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('decides again on the fresh state after losing a race, and then may refuse', async () => {
    const store = new InMemoryEventStore();
    await handleCommand(store, counter, 'c-1', { add: 5 }, { metadata });
    // A store where another writer always gets in between our read and our append, once.
    let interfered = false;
    const racing: EventStore = Object.create(store);
    racing.append = async (id, events, expected) => {
      if (!interfered) {
        interfered = true;
        await store.append(id, [{ id: 'other', type: 'Added', data: { by: 5 }, metadata: {} }], expected);
      }
      return store.append(id, events, expected);
    };
    await expect(handleCommand(racing, counter, 'c-1', { add: 1 }, { metadata })).rejects.toThrow('over ten');
    expect((await store.readStream('c-1')).map((e) => e.data.by)).toEqual([5, 5]);
  });

  it('makes a redelivered command a replay when its event ids are deterministic', async () => {
    const store = new InMemoryEventStore();
    const eventIds = (i: number) => `00000000-0000-4000-8000-00000000000${i}`;
    await handleCommand(store, counter, 'c-1', { add: 2 }, { metadata, eventIds });
    await handleCommand(
      store,
      counter,
      'c-1',
      { add: 2 },
      { metadata, eventIds, expectedRevision: undefined },
    );
    expect((await store.readStream('c-1')).length).toBe(1);
  });

  describe('with the state of recent commands kept in memory', () => {
    const counting = (store: InMemoryEventStore) => {
      const reads: string[] = [];
      const reading: EventStore = Object.create(store);
      reading.readStream = (id, options) => {
        reads.push(id);
        return store.readStream(id, options);
      };
      return { counted: withAggregateStateCache(reading), reads };
    };

    it('decides the next command on a stream without reading it again', async () => {
      const { counted, reads } = counting(new InMemoryEventStore());
      await handleCommand(counted, counter, 'c-1', { add: 2 }, { metadata });
      const second = await handleCommand(counted, counter, 'c-1', { add: 3 }, { metadata });
      expect([second.revision, second.state, reads]).toEqual([1, 5, ['c-1']]);
    });

    it('reads nothing for a stream the caller has just made up, yet refuses one that exists', async () => {
      const store = new InMemoryEventStore();
      const { counted, reads } = counting(store);
      const created = await handleCommand(
        counted,
        counter,
        'c-new',
        { add: 2 },
        { metadata, newStream: true },
      );
      expect([created.revision, reads]).toEqual([0, []]);
      await store.append('c-taken', [{ id: 'elsewhere', type: 'Added', data: { by: 9 }, metadata: {} }], {
        expectedRevision: 'no_stream',
      });
      await expect(
        handleCommand(counted, counter, 'c-taken', { add: 2 }, { metadata, newStream: true }),
      ).rejects.toThrow('over ten');
    });

    it('decides again on the stream as stored when another process wrote meanwhile', async () => {
      const store = new InMemoryEventStore();
      const cached = withAggregateStateCache(store);
      await handleCommand(cached, counter, 'c-1', { add: 5 }, { metadata, maxAttempts: 1 });
      await store.append('c-1', [{ id: 'elsewhere', type: 'Added', data: { by: 5 }, metadata: {} }], {
        expectedRevision: 0,
      });
      // One attempt allowed, yet the stale guess costs none: the refusal comes from the real total.
      await expect(
        handleCommand(cached, counter, 'c-1', { add: 1 }, { metadata, maxAttempts: 1 }),
      ).rejects.toThrow('over ten');
      await expect(handleCommand(cached, counter, 'c-1', { add: 0 }, { metadata })).resolves.toMatchObject({
        state: 10,
        revision: 1,
      });
    });

    it('refuses only on the stream as stored, never on a stale guess of it', async () => {
      const store = new InMemoryEventStore();
      const cached = withAggregateStateCache(store);
      await handleCommand(cached, counter, 'c-1', { add: 8 }, { metadata });
      await store.append('c-1', [{ id: 'elsewhere', type: 'Added', data: { by: -5 }, metadata: {} }], {
        expectedRevision: 0,
      });
      // The guess (8) would refuse 4 as over ten; the stream holds 3.
      const accepted = await handleCommand(cached, counter, 'c-1', { add: 4 }, { metadata });
      expect([accepted.revision, accepted.state]).toEqual([2, 7]);
    });

    it('answers an If-Match the cache cannot confirm from the stream: stale is 409, current is applied', async () => {
      const store = new InMemoryEventStore();
      const cached = withAggregateStateCache(store);
      await handleCommand(cached, counter, 'c-1', { add: 1 }, { metadata });
      await store.append('c-1', [{ id: 'elsewhere', type: 'Added', data: { by: 1 }, metadata: {} }], {
        expectedRevision: 0,
      });
      const stale = handleCommand(cached, counter, 'c-1', { add: 1 }, { metadata, expectedRevision: 0 });
      await expect(stale).rejects.toMatchObject({ expected: 0, actual: 1 });
      const current = await handleCommand(
        cached,
        counter,
        'c-1',
        { add: 1 },
        { metadata, expectedRevision: 1 },
      );
      expect([current.revision, current.state]).toEqual([2, 3]);
    });

    it('does not count a replayed command twice', async () => {
      const store = new InMemoryEventStore();
      const cached = withAggregateStateCache(store);
      const eventIds = (i: number) => `00000000-0000-4000-8000-00000000000${i}`;
      await handleCommand(cached, counter, 'c-1', { add: 2 }, { metadata, eventIds });
      await handleCommand(cached, counter, 'c-1', { add: 2 }, { metadata, eventIds });
      // 2 stored; had the replay been counted (4), adding 8 would go over ten.
      await expect(handleCommand(cached, counter, 'c-1', { add: 8 }, { metadata })).resolves.toMatchObject({
        state: 10,
      });
    });
  });
});

describe('handleCommand and the aggregate-state cache', () => {
  it('surfaces a failure of the decider on a guessed state that is not a refusal', async () => {
    const store = withAggregateStateCache(new InMemoryEventStore());
    const fragile: Decider<{ add: number }, Added, number> = {
      ...counter,
      decide: (command, total) => {
        if (total === 2) throw new TypeError('a bug, not a refusal');
        return counter.decide(command, total);
      },
    };
    await handleCommand(store, fragile, 'c-1', { add: 2 }, { metadata });
    await expect(handleCommand(store, fragile, 'c-1', { add: 1 }, { metadata })).rejects.toThrow(TypeError);
  });

  it('forgets a stream another writer appended to through the same store', async () => {
    const store = withAggregateStateCache(new InMemoryEventStore());
    await handleCommand(store, counter, 'c-1', { add: 2 }, { metadata });
    expect(store.aggregateStates.recall('c-1')).toMatchObject({ revision: 0, state: 2 });
    await store.append('c-1', [{ id: 'direct', type: 'Added', data: { by: 1 }, metadata: {} }], {
      expectedRevision: 0,
    });
    expect(store.aggregateStates.recall('c-1')).toBeUndefined();
  });

  it('retries a lost race at most retryOnConflict times, then reports the conflict', async () => {
    const inner = new InMemoryEventStore();
    let appends = 0;
    const alwaysLosing: EventStore = Object.create(inner);
    alwaysLosing.append = async (id, events, options) => {
      appends++;
      await inner.append(
        id,
        [{ id: `other-${appends}`, type: 'Added', data: { by: 0 }, metadata: {} }],
        'any',
      );
      return inner.append(id, events, options);
    };
    await expect(
      handleCommand(alwaysLosing, counter, 'c-1', { add: 1 }, { metadata, retryOnConflict: 2 }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(appends).toBe(3);
  });

  it("writes each event with its own type's schema version", async () => {
    const store = new InMemoryEventStore();
    const attaching: Decider<object, { type: string; data: object }, null> = {
      initialState: null,
      decide: () => [
        { type: 'AttachmentAdded', data: {} },
        { type: 'TicketAssigned', data: {} },
      ],
      evolve: (state) => state,
    };
    await handleCommand(store, attaching, 't-1', {}, { metadata });
    expect((await store.readStream('t-1')).map((e) => e.metadata.schemaVersion)).toEqual([2, 1]);
  });
});
