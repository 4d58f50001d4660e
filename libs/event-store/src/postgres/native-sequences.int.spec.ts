import { requireInfra } from '@helpdesk/test-infra';
import { Pool } from 'pg';
import { nextSequenceValue, sequenceStream } from '../sequence';
import { PostgresEventStore } from './postgres-event-store';
import { poolClient, type SqlClient } from './sql-client';
import { createTestDatabase } from './test-database';

// Two stores on pools of their own are two processes as the server sees them: separate sessions,
// nothing shared in memory. Each counts the statements it sends, so a retry would show.
const processOn = async (url: string) => {
  const pool = new Pool({ connectionString: url, max: 10 });
  // As the store's own pools do: a connection the server ends (the database dropped with force at
  // the end, while the pool still closes) is an 'error' event, which unheard fails the whole file.
  pool.on('error', () => undefined);
  const pooled = poolClient(pool, { ownsPool: true });
  const sent: string[] = [];
  const counted: SqlClient = {
    query: (text, params) => {
      sent.push(text);
      return pooled.query(text, params);
    },
    close: () => pooled.close(),
  };
  return { store: await PostgresEventStore.create(counted), sent };
};

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let processes: Array<Awaited<ReturnType<typeof processOn>>>;

beforeAll(async () => {
  database = await createTestDatabase(requireInfra('PG_URL'));
  processes = [await processOn(database.url), await processOn(database.url)];
});
afterAll(async () => {
  for (const p of processes ?? []) await p.store.close();
  await database?.drop();
});

describe('ticket numbers from a PostgreSQL sequence', () => {
  it('gives 400 concurrent registrations in two processes 400 different numbers, in shared statements', async () => {
    for (const p of processes) p.sent.length = 0;
    const numbers = await Promise.all(
      Array.from({ length: 400 }, (_, i) => nextSequenceValue(processes[i % 2].store, 'ticket-number')),
    );
    expect(new Set(numbers).size).toBe(400);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    // No retry storm: callers that arrive together share a nextval statement (one value per row),
    // plus each process's one-time look for the sequence.
    const nextvals = processes.flatMap((p) => p.sent.filter((text) => text.includes('nextval')));
    expect(nextvals.length).toBeGreaterThanOrEqual(2);
    expect(nextvals.length).toBeLessThanOrEqual(10);
    const others = processes.flatMap((p) => p.sent.filter((text) => !text.includes('nextval')));
    expect(others.length).toBeLessThanOrEqual(2 * 3);
    // And the hot stream the numbers used to be reserved on is never written.
    expect(await processes[0].store.readStream(sequenceStream('ticket-number'))).toEqual([]);
  });

  it('never reuses a number after a restart: a new process continues where the others stopped', async () => {
    const last = await nextSequenceValue(processes[0].store, 'ticket-number');
    const restarted = await processOn(database.url);
    try {
      expect(await nextSequenceValue(restarted.store, 'ticket-number')).toBe(last + 1);
    } finally {
      await restarted.store.close();
    }
  });
});
