// The tickets service over HTTP in distributed mode (PostgreSQL event store, MongoDB-wire read
// models on the local FerretDB), as its own process:
//   1. sustained commands/s (file a ticket, then comment on it) with 32 concurrent clients;
//   2. p50/p99 latency at half that rate, open loop;
//   3. command to read model: from filing a ticket until GET /tickets (the read model) lists it.
//   npm run bench:tickets              (needs `npm run infra:up`)
import {
  freshPostgresDatabase,
  loadInfraEnv,
  publishOrganisations,
  TEST_JWT_SECRET,
  testToken,
} from '@helpdesk/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

import { elapsedMs, summarise } from '../lib/stats';

const CLIENTS = 32;
const SECONDS = 15;
const COMMENTS_PER_TICKET = 3;
const reporter = { id: 'c-bench', role: 'customer_employee' as const, organisationId: 'org-bench' };
const agent = { id: 'agent-bench', role: 'agent' as const };

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const freshDatabases = async () => {
  const { name, url } = await freshPostgresDatabase(process.env.PG_URL!, 'bench_http');
  return { PG_URL: url, MONGO_URL: new URL(name, process.env.MONGO_URL).toString() };
};

const startService = async (): Promise<{ base: string; child: ChildProcess }> => {
  const port = await freePort();
  // BENCH_NODE_ARGS, e.g. --cpu-prof, profiles the service under load.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, 'dist/services/tickets/src/main.js'], {
    env: {
      ...process.env,
      ...(await freshDatabases()),
      PORT: String(port),
      MODE: 'distributed',
      EVENT_STORE: 'postgres',
      READ_STORE: process.env.BENCH_READ_STORE ?? 'mongodb',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { base, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the tickets service did not become ready');
};

const headers = (who: typeof reporter | typeof agent) => ({
  authorization: `Bearer ${testToken(who)}`,
  'content-type': 'application/json',
});

const post = async (base: string, path: string, who: typeof reporter | typeof agent, body: object) => {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: headers(who),
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<{ id: string }>;
};

const register = (base: string) =>
  post(base, '/tickets', reporter, {
    kind: 'error',
    subject: 'Export stops at 50%',
    description: 'x'.repeat(300),
  });
const comment = (base: string, id: string) =>
  post(base, `/tickets/${id}/comments`, agent, { body: 'Looking into it', visibility: 'internal' });

const sustained = async (base: string) => {
  const latencies: number[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  const started = process.hrtime.bigint();
  const timed = async <T>(work: () => Promise<T>) => {
    const t = process.hrtime.bigint();
    const result = await work();
    latencies.push(elapsedMs(t));
    return result;
  };
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < deadline) {
        const { id } = await timed(() => register(base));
        for (let i = 0; i < COMMENTS_PER_TICKET; i++) await timed(() => comment(base, id));
      }
    }),
  );
  return summarise('sustained (32 clients)', latencies, elapsedMs(started) / 1000);
};

/** Open loop: commands start on a clock, whatever the ones before them are doing. */
const atRate = async (base: string, perSecond: number, tickets: string[]) => {
  const latencies: number[] = [];
  const total = perSecond * SECONDS;
  const started = process.hrtime.bigint();
  const running: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = (i / perSecond) * 1000;
    const wait = due - elapsedMs(started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t = process.hrtime.bigint();
    const work = i % 4 === 0 ? register(base) : comment(base, tickets[i % tickets.length]);
    running.push(work.then(() => void latencies.push(elapsedMs(t))));
  }
  await Promise.all(running);
  return summarise(`open loop at ${perSecond}/s`, latencies, elapsedMs(started) / 1000);
};

const listed = async (base: string, number: string) =>
  (
    (await fetch(`${base}/tickets?q=${number}`, { headers: headers(agent) }).then((r) => r.json())) as {
      items: unknown[];
    }
  ).items.length > 0;

/**
 * From filing a ticket until the list (the read model) shows it. A single ticket is read from
 * its own stream and is current at once; lists come from the projection, so this is its lag.
 */
const readModelLag = async (base: string) => {
  const lags: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < 200; i++) {
    const t = process.hrtime.bigint();
    const { number } = (await register(base)) as unknown as { number: string };
    while (!(await listed(base, number))) await new Promise((r) => setTimeout(r, 1));
    lags.push(elapsedMs(t));
  }
  return summarise('filed until listed', lags, elapsedMs(started) / 1000);
};

const main = async () => {
  loadInfraEnv();
  if (!process.env.PG_URL || !process.env.MONGO_URL) throw new Error('run `npm run infra:up` first');
  const { base, child } = await startService();
  try {
    // The reporter's organisation arrives as the contacts service would publish it.
    await publishOrganisations(process.env.KAFKA_BROKERS!.split(','), [
      { id: reporter.organisationId, contacts: [{ id: reporter.id }] },
    ]);
    for (
      let tries = 0;
      await register(base).then(
        () => false,
        () => tries++ < 100,
      );
    )
      await new Promise((r) => setTimeout(r, 200));
    const first = await sustained(base);
    console.log('sustained:', first);
    const tickets = await Promise.all(Array.from({ length: 50 }, () => register(base).then((t) => t.id)));
    const half = Math.max(1, Math.round(first.perSecond / 2));
    const second = await atRate(base, half, tickets);
    const third = await readModelLag(base);
    console.table([first, second, third]);
  } finally {
    child.kill('SIGTERM');
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
