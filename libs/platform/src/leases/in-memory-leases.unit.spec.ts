import { InMemoryLeases, type LeaseTable } from './in-memory-leases';
import { leaseContract } from './lease.contract';

let table: LeaseTable = new Map();

leaseContract('In-memory', () => {
  table = new Map();
  return {
    open: async () => new InMemoryLeases(table),
    kill: async () => undefined,
    takeAway: async (_holder, name) => {
      table.delete(name);
    },
    timing: { ttlMs: 600, renewMs: 150 },
  };
});

describe('In-memory leases in standalone', () => {
  it('always give the only holder its lease', async () => {
    const leases = new InMemoryLeases();
    expect(await leases.acquire('relay:helpdesk.tickets.v1', 1000)).toBe(true);
    expect(await leases.renew('relay:helpdesk.tickets.v1', 1000)).toBe(true);
  });
});
