// One behaviour for every ViewStore: each adapter's spec runs this suite.
import type { View, ViewStore } from '../view';

export interface TicketLike extends View {
  number: string;
  subject: string;
  organisationId: string;
  status: string;
  participants: string[];
  updatedAt: string;
}

const ticket = (n: number, overrides: Partial<TicketLike> = {}): TicketLike => ({
  id: `t-${String(n).padStart(3, '0')}`,
  revision: 0,
  number: `HD-${String(n).padStart(5, '0')}`,
  subject: n % 2 ? `Printer offline ${n}` : `Invoice question ${n}`,
  organisationId: n % 3 ? 'org-a' : 'org-b',
  status: n % 4 ? 'open' : 'closed',
  participants: [`c-${n}`],
  // Deliberate ties (every two tickets share a time): paging must break them by id.
  updatedAt: new Date(Date.UTC(2026, 0, 1, 0, Math.floor(n / 2))).toISOString(),
  ...overrides,
});

export const viewStoreContract = (name: string, makeStore: () => Promise<ViewStore<TicketLike>>) =>
  describe(`${name} view store`, () => {
    let store: ViewStore<TicketLike>;
    beforeEach(async () => {
      store = await makeStore();
      await store.clear();
    });

    it('stores a new view once and reads it back', async () => {
      expect(await store.put(ticket(1), undefined)).toBe(true);
      expect(await store.put(ticket(1, { subject: 'again' }), undefined)).toBe(false);
      expect(await store.get('t-001')).toEqual(ticket(1));
      expect(await store.get('t-404')).toBeUndefined();
    });

    it('updates only from the expected revision', async () => {
      await store.put(ticket(1), undefined);
      expect(await store.put(ticket(1, { revision: 1, status: 'closed' }), 0)).toBe(true);
      expect(await store.put(ticket(1, { revision: 1, status: 'stale write' }), 0)).toBe(false);
      expect((await store.get('t-001'))?.status).toBe('closed');
    });

    it('stores many guarded writes at once, telling which were refused', async () => {
      await store.put(ticket(1), undefined);
      await store.put(ticket(2), undefined);
      await store.put(ticket(4), undefined);
      const stored = await store.putMany([
        { view: ticket(1, { revision: 1, status: 'closed' }), expectedRevision: 0 },
        { view: ticket(2, { revision: 4, status: 'stale write' }), expectedRevision: 3 },
        { view: ticket(3), expectedRevision: undefined },
        { view: ticket(4, { subject: 'second first write' }), expectedRevision: undefined },
      ]);
      expect(stored).toEqual([true, false, true, false]);
      const found = await store.getMany(['t-001', 't-002', 't-003', 't-004', 't-404']);
      expect([...found.keys()].sort()).toEqual(['t-001', 't-002', 't-003', 't-004']);
      expect(found.get('t-001')).toEqual(ticket(1, { revision: 1, status: 'closed' }));
      expect(found.get('t-002')).toEqual(ticket(2));
      expect(found.get('t-004')).toEqual(ticket(4));
      expect(await store.putMany([])).toEqual([]);
    });

    describe('finding', () => {
      beforeEach(async () => {
        for (let n = 1; n <= 30; n++) await store.put(ticket(n), undefined);
      });

      it('filters by equality, by a list of values and inside arrays', async () => {
        const sort = { field: 'number', direction: 'asc' as const };
        const inB = await store.find({ where: { organisationId: 'org-b' }, sort, limit: 100 });
        expect(inB.map((t) => t.id)).toEqual([
          't-003',
          't-006',
          't-009',
          't-012',
          't-015',
          't-018',
          't-021',
          't-024',
          't-027',
          't-030',
        ]);
        const closedInB = await store.find({
          where: { organisationId: 'org-b', status: ['closed'] },
          sort,
          limit: 100,
        });
        expect(closedInB.map((t) => t.id)).toEqual(['t-012', 't-024']);
        const withC7 = await store.find({ where: { participants: 'c-7' }, sort, limit: 100 });
        expect(withC7.map((t) => t.id)).toEqual(['t-007']);
      });

      it('matches either of several conditions', async () => {
        const sort = { field: 'number', direction: 'asc' as const };
        const mine = await store.find({
          where: { organisationId: 'org-a' },
          either: [{ participants: 'c-7' }, { number: 'HD-00008' }, { number: 'HD-00009' }],
          sort,
          limit: 100,
        });
        expect(mine.map((t) => t.id)).toEqual(['t-007', 't-008']);
      });

      it('filters by a range of values, leaving out documents without the field', async () => {
        await store.put(ticket(31, { updatedAt: undefined as unknown as string }), undefined);
        const found = await store.find({
          range: { updatedAt: { gte: '2026-01-01T00:02:00.000Z', lte: '2026-01-01T00:03:00.000Z' } },
          sort: { field: 'updatedAt', direction: 'asc' },
          limit: 100,
        });
        expect(found.map((t) => t.id)).toEqual(['t-004', 't-005', 't-006', 't-007']);
        const upTo = await store.find({
          range: { updatedAt: { lte: '2026-01-01T00:00:00.000Z' } },
          sort: { field: 'updatedAt', direction: 'asc' },
          limit: 100,
        });
        expect(upTo.map((t) => t.id)).toEqual(['t-001']);
      });

      it('searches text case-insensitively, taking the text literally', async () => {
        const sort = { field: 'number', direction: 'asc' as const };
        const found = await store.find({
          contains: { fields: ['subject', 'number'], text: 'PRINTER OFFLINE 1' },
          sort,
          limit: 100,
        });
        expect(found.map((t) => t.id)).toEqual(['t-001', 't-011', 't-013', 't-015', 't-017', 't-019']);
        expect(await store.find({ contains: { fields: ['subject'], text: '.*' }, sort, limit: 100 })).toEqual(
          [],
        );
        const byNumber = await store.find({
          contains: { fields: ['subject', 'number'], text: 'hd-00027' },
          sort,
          limit: 100,
        });
        expect(byNumber.map((t) => t.id)).toEqual(['t-027']);
      });

      it('sorts and pages by id, and filters by it', async () => {
        const seen: string[] = [];
        let after: { value: string; id: string } | undefined;
        for (let page = 0; page < 10; page++) {
          const items = await store.find({ sort: { field: 'id', direction: 'asc' }, after, limit: 7 });
          if (items.length === 0) break;
          seen.push(...items.map((t) => t.id));
          after = { value: items[items.length - 1].id, id: items[items.length - 1].id };
        }
        expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => ticket(i + 1).id));
        const byId = await store.find({
          where: { id: ['t-002', 't-009'] },
          sort: { field: 'id', direction: 'desc' },
          limit: 5,
        });
        expect(byId.map((t) => t.id)).toEqual(['t-009', 't-002']);
      });

      it.each(['asc', 'desc'] as const)('pages %s over ties without gaps or repeats', async (direction) => {
        const seen: string[] = [];
        let after: { value: string; id: string } | undefined;
        for (let page = 0; page < 10; page++) {
          const items = await store.find({ sort: { field: 'updatedAt', direction }, after, limit: 7 });
          if (items.length === 0) break;
          seen.push(...items.map((t) => t.id));
          const last = items[items.length - 1];
          after = { value: last.updatedAt, id: last.id };
        }
        const all = Array.from({ length: 30 }, (_, i) => ticket(i + 1));
        const sign = direction === 'asc' ? 1 : -1;
        all.sort((a, b) => sign * (a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id)));
        expect(seen).toEqual(all.map((t) => t.id));
      });
    });
  });
