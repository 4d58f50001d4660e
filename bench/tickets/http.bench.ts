// The tickets service over HTTP in distributed mode (PostgreSQL event store, MongoDB-wire read
// models on the local FerretDB), as its own process:
//   1. sustained commands/s (file a ticket, then comment on it) with 32 concurrent clients;
//   2. p50/p99 latency at half that rate, open loop;
//   3. command to read model: from filing a ticket until its read-model document holds it;
//   4. a list (GET /tickets, 20 newest) once the run has filed its tickets;
//   5. for scale, the same client against a node:http server that does nothing: the most
//      requests/s this machine serves at all while the client runs beside it.
//   npm run bench:tickets              (needs `npm run infra:up`)
import {
  freshPostgresDatabase,
  loadInfraEnv,
  publishOrganisations,
  TEST_JWT_SECRET,
  testToken,
} from '@helpdesk/testing';
import mongoose from 'mongoose';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

import { BenchHttpClient } from '../lib/http-client';
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

const waitUntilReady = async (base: string, what: string) => {
  for (let i = 0; i < 200; i++) {
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready`);
};

const startService = async (databases: { PG_URL: string; MONGO_URL: string }) => {
  const port = await freePort();
  // BENCH_NODE_ARGS, e.g. --cpu-prof, profiles the service under load.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, 'dist/services/tickets/src/main.js'], {
    env: {
      ...process.env,
      ...databases,
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
  await waitUntilReady(base, 'the tickets service');
  return { base, child };
};

type Who = typeof reporter | typeof agent;
const tokens = new Map<Who, string>();
const authorised = (who: Who) => {
  if (!tokens.has(who)) tokens.set(who, `Bearer ${testToken(who)}`);
  return { authorization: tokens.get(who)! };
};

let http: BenchHttpClient;

const post = async (path: string, who: Who, body: object) => {
  const { status, body: text } = await http.send('POST', path, authorised(who), body);
  if (status >= 300) throw new Error(`${path}: ${status} ${text}`);
  return JSON.parse(text) as { id: string; number: string };
};

const register = () =>
  post('/tickets', reporter, {
    kind: 'error',
    subject: 'Export stops at 50%',
    description: 'x'.repeat(300),
  });
const comment = (id: string) =>
  post(`/tickets/${id}/comments`, agent, { body: 'Looking into it', visibility: 'internal' });

const sustained = async () => {
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
        const { id } = await timed(register);
        for (let i = 0; i < COMMENTS_PER_TICKET; i++) await timed(() => comment(id));
      }
    }),
  );
  return summarise('sustained (32 clients)', latencies, elapsedMs(started) / 1000);
};

/** Open loop: commands start on a clock, whatever the ones before them are doing. */
const atRate = async (perSecond: number, tickets: string[]) => {
  const latencies: number[] = [];
  const total = perSecond * SECONDS;
  const started = process.hrtime.bigint();
  const running: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = (i / perSecond) * 1000;
    const wait = due - elapsedMs(started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t = process.hrtime.bigint();
    const work = i % 4 === 0 ? register() : comment(tickets[i % tickets.length]);
    running.push(work.then(() => void latencies.push(elapsedMs(t))));
  }
  await Promise.all(running);
  return summarise(`open loop at ${perSecond}/s`, latencies, elapsedMs(started) / 1000);
};

/**
 * From filing a ticket until the projection has written it to the read model (its document,
 * looked up by id in the database itself): the lag of the read side, without the cost of a query.
 */
const readModelLag = async (mongoUrl: string) => {
  const connection = await mongoose.createConnection(mongoUrl).asPromise();
  const views = connection.collection<{ _id: string }>('ticket_views');
  const lags: number[] = [];
  const started = process.hrtime.bigint();
  try {
    for (let i = 0; i < 200; i++) {
      const t = process.hrtime.bigint();
      const { id } = await register();
      while (!(await views.findOne({ _id: id }, { projection: { _id: 1 } })))
        await new Promise((r) => setTimeout(r, 1));
      lags.push(elapsedMs(t));
    }
  } finally {
    await connection.close();
  }
  return summarise('filed until projected', lags, elapsedMs(started) / 1000);
};

/** The first page of the agents' list (20 newest), once the run has filed its tickets. */
const listLatency = async () => {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < 20; i++) {
    const t = process.hrtime.bigint();
    const { status } = await http.send('GET', '/tickets?limit=20', authorised(agent));
    if (status !== 200) throw new Error(`GET /tickets: ${status}`);
    latencies.push(elapsedMs(t));
  }
  return summarise('list of 20 newest', latencies, elapsedMs(started) / 1000);
};

/** The same client and load against a node:http server that answers at once. */
const machineCeiling = async () => {
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [
      '-e',
      `require('node:http').createServer((q, s) => q.resume().on('end', () => s.end('{}'))).listen(${port}, '127.0.0.1')`,
    ],
    { stdio: 'ignore' },
  );
  const base = `http://127.0.0.1:${port}`;
  const client = new BenchHttpClient(base);
  try {
    await waitUntilReady(base, 'the no-op server'); // it answers every path, /health/ready too
    const latencies: number[] = [];
    const deadline = Date.now() + 5000;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < deadline) {
          const t = process.hrtime.bigint();
          await client.send('POST', '/', {}, { body: 'x' });
          latencies.push(elapsedMs(t));
        }
      }),
    );
    return summarise('no-op node:http server', latencies, elapsedMs(started) / 1000);
  } finally {
    client.close();
    server.kill();
  }
};

const main = async () => {
  loadInfraEnv();
  if (!process.env.PG_URL || !process.env.MONGO_URL) throw new Error('run `npm run infra:up` first');
  const databases = await freshDatabases();
  const { base, child } = await startService(databases);
  http = new BenchHttpClient(base);
  try {
    // The reporter's organisation arrives as the contacts service would publish it.
    await publishOrganisations(process.env.KAFKA_BROKERS!.split(','), [
      { id: reporter.organisationId, contacts: [{ id: reporter.id }] },
    ]);
    for (
      let tries = 0;
      await register().then(
        () => false,
        () => tries++ < 100,
      );
    )
      await new Promise((r) => setTimeout(r, 200));
    const first = await sustained();
    console.log('sustained:', first);
    const tickets = await Promise.all(Array.from({ length: 50 }, () => register().then((t) => t.id)));
    const half = Math.max(1, Math.round(first.perSecond / 2));
    const second = await atRate(half, tickets);
    const lag = await readModelLag(databases.MONGO_URL);
    const list = await listLatency();
    http.close();
    child.kill('SIGTERM');
    const ceiling = await machineCeiling();
    console.table([first, second, lag, list, ceiling]);
  } finally {
    http.close();
    child.kill('SIGTERM');
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
