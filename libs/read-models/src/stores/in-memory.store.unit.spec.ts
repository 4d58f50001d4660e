import fc from 'fast-check';
import { checkpointStoreContract } from '../contract/checkpoint-store.contract';
import { viewStoreContract, type TicketLike } from '../contract/view-store.contract';
import type { View } from '../view';
import { InMemoryCheckpointStore, InMemoryViewStore } from './in-memory.store';

viewStoreContract('in-memory', async () => new InMemoryViewStore<TicketLike>());
viewStoreContract(
  'in-memory, kept in order by updatedAt',
  async () => new InMemoryViewStore<TicketLike>([{ updatedAt: 1 }, { number: -1 }]),
);
const shared = new InMemoryCheckpointStore();
checkpointStoreContract('in-memory', async () => shared);

interface Due extends View {
  due?: string | number | null;
  kind: string;
}

describe('an in-memory view store kept in order', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
  const write = fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    due: fc.option(fc.oneof(fc.integer({ min: 0, max: 9 }).map(at), fc.constant(7)), { nil: undefined }),
    kind: fc.constantFrom('x', 'y'),
  });

  it('answers a sorted query, bounded or not, as a scan of every view does, whatever was written', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(write, { maxLength: 40 }),
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom('asc', 'desc') as fc.Arbitrary<'asc' | 'desc'>,
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        async (writes, bound, direction, limit, bounded) => {
          const scanned = new InMemoryViewStore<Due>();
          const ordered = new InMemoryViewStore<Due>([{ due: direction === 'asc' ? 1 : -1 }]);
          for (const store of [scanned, ordered])
            for (const { id, due, kind } of writes) {
              const stored = await store.get(id);
              await store.put({ id, revision: (stored?.revision ?? -1) + 1, due, kind }, stored?.revision);
            }
          const range = direction === 'asc' ? { lte: at(bound) } : { gte: at(bound) };
          const query = {
            where: { kind: 'x' },
            // Unbounded, the index answers only when every view has the field (else a scan does).
            ...(bounded && { range: { due: range } }),
            sort: { field: 'due', direction },
            limit,
          };
          expect(await ordered.find(query)).toEqual(await scanned.find(query));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads only the due views in order among many that are not due yet', async () => {
    const store = new InMemoryViewStore<Due>([{ due: 1 }]);
    for (let n = 0; n < 5000; n++)
      await store.put({ id: `t-${n}`, revision: 0, due: at(10 + (n % 50)), kind: 'x' }, undefined);
    await store.put({ id: 'late', revision: 0, due: at(1), kind: 'x' }, undefined);
    await store.put({ id: 'later', revision: 0, due: at(2), kind: 'x' }, undefined);
    // Moved on: its old place in the order no longer counts.
    await store.put({ id: 't-7', revision: 1, due: at(0), kind: 'x' }, 0);
    await store.put({ id: 't-7', revision: 2, due: at(99), kind: 'x' }, 1);
    const due = await store.find({
      range: { due: { lte: at(5) } },
      sort: { field: 'due', direction: 'asc' },
      limit: 10,
    });
    expect(due.map((view) => view.id)).toEqual(['late', 'later']);
  });

  it('keeps each view as JSON: no undefined fields, and a copy the caller cannot change', async () => {
    const store = new InMemoryViewStore<Due>();
    const view = { id: 'a', revision: 0, due: undefined, kind: 'x' };
    await store.put(view, undefined);
    view.kind = 'changed';
    const read = await store.get('a');
    expect(read).toStrictEqual({ id: 'a', revision: 0, kind: 'x' });
    read!.kind = 'changed too';
    expect((await store.get('a'))?.kind).toBe('x');
  });
});
