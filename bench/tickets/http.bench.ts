// The tickets service over HTTP in distributed mode (PostgreSQL event store), as its own process,
// against a bare peer measured in the same run with the same client (bare-peer.main.ts: a NestJS
// service on the same HTTP adapter that verifies an HS256 token, parses the JSON and does one
// INSERT into the same PostgreSQL per request). For the peer and for ours, with the read side on
// FerretDB (mongodb) and in memory:
//   1. sustained commands/s (file a ticket, then comment on it 3 times) with 32 concurrent clients;
//   2. p50/p99 latency at half that rate, open loop, with the same mix;
//   3. command to read model: from filing a ticket until the read side holds it (FerretDB: its
//      document, looked up in the database; memory: a list with X-Read-After answers; the peer:
//      its row, by GET);
//   4. ours only: a list (GET /tickets, 20 newest) once the run has filed its tickets;
//   5. for scale, the same client against a node:http server that does nothing.
// Ours runs in two layouts: one process doing everything, and a process with BACKGROUND_WORK=off
// taking the HTTP traffic while a sibling replica runs the relay, the schedulers and (on FerretDB)
// the projections, on the other core.
// Beside 1 and 2, the CPU time the target's processes used per command (from /proc), which the
// host's changing speed and the other servers on its cores move far less than commands/s.
// Then each of our figures as a ratio to the peer's.
//   npm run bench:tickets                       (needs `npm run infra:up`)
//   BENCH_READ_STORE=memory npm run bench:tickets   (one read side only; default: mongodb,memory)
//   BENCH_NODE_ARGS=--cpu-prof npm run bench:tickets (profiles our service; .cpuprofile in the cwd)
//   BENCH_COMMENTS=together npm run bench:tickets   (open loop: each ticket's three comments at once)
//   BENCH_LAYOUT=sibling npm run bench:tickets      (one layout only; default: single,sibling)
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
import { loadavg } from 'node:os';

import { BenchHttpClient } from '../lib/http-client';
import { elapsedMs, processCpuMs, summarise } from '../lib/stats';

const CLIENTS = 32;
const SECONDS = 15;
const COMMENTS_PER_TICKET = 3;
const TOGETHER = process.env.BENCH_COMMENTS === 'together';
const reporter = { id: 'c-bench', role: 'customer_employee' as const, organisationId: 'org-bench' };
const agent = { id: 'agent-bench', role: 'agent' as const };

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

type ReadStore = 'mongodb' | 'memory';

const freshDatabases = async () => {
  const { name, url } = await freshPostgresDatabase(process.env.PG_URL!, 'bench_http');
  return { PG_URL: url, MONGO_URL: new URL(name, process.env.MONGO_URL).toString(), name };
};

const waitUntilReady = async (base: string, what: string) => {
  // Generous: with eight engineers' servers on two cores a service has taken over 20 s to turn ready.
  for (let i = 0; i < 1200; i++) {
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready`);
};

const startProcess = async (
  what: string,
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
) => {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env, PORT: String(port), AUTH_JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitUntilReady(base, what);
  return { base, child };
};

type Databases = Awaited<ReturnType<typeof freshDatabases>>;

const startService = (databases: Databases, readStore: ReadStore, backgroundWork: 'on' | 'off' = 'on') =>
  startProcess(
    `the tickets service (${readStore}, background work ${backgroundWork})`,
    'dist/services/tickets/src/main.js',
    {
      PG_URL: databases.PG_URL,
      MONGO_URL: databases.MONGO_URL,
      MODE: 'distributed',
      EVENT_STORE: 'postgres',
      READ_STORE: readStore,
      // A group of its own: each run reads the organisations from the topic's start.
      KAFKA_GROUP_PREFIX: databases.name,
      BACKGROUND_WORK: backgroundWork,
    },
    // BENCH_NODE_ARGS, e.g. --cpu-prof, profiles the service under load.
    process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  );

const startPeer = async () => {
  const { url } = await freshPostgresDatabase(process.env.PG_URL!, 'bench_peer');
  return startProcess('the bare peer', 'dist/bench/tickets/bare-peer.main.js', { PG_URL: url });
};

type Who = typeof reporter | typeof agent;
const tokens = new Map<Who, string>();
const authorised = (who: Who) => {
  if (!tokens.has(who)) tokens.set(who, `Bearer ${testToken(who)}`);
  return { authorization: tokens.get(who)! };
};

let http: BenchHttpClient;

const post = async (path: string, who: Who, body: object) => {
  const { status, body: text, headers } = await http.send('POST', path, authorised(who), body);
  if (status >= 300) throw new Error(`${path}: ${status} ${text}`);
  return { ...(JSON.parse(text) as { id: string }), writePosition: headers['x-write-position'] as string };
};

const register = () =>
  post('/tickets', reporter, {
    kind: 'error',
    subject: 'Export stops at 50%',
    description: 'x'.repeat(300),
  });
const comment = (id: string) =>
  post(`/tickets/${id}/comments`, agent, { body: 'Looking into it', visibility: 'internal' });

/** The CPU ms the target's processes have used so far. */
type CpuClock = () => number;

/** A phase's figures with the CPU ms the target used per command while it ran. */
const withCpuPerCommand = (figures: ReturnType<typeof summarise>, cpuMs: number) => ({
  ...figures,
  cpuMsPerCommand: Number((cpuMs / figures.operations).toFixed(2)),
});

const sustained = async (cpu: CpuClock) => {
  const latencies: number[] = [];
  const cpuAtStart = cpu();
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
  return withCpuPerCommand(
    summarise('sustained (32 clients)', latencies, elapsedMs(started) / 1000),
    cpu() - cpuAtStart,
  );
};

/**
 * Open loop: commands start on a clock, whatever the ones before them are doing. The mix is the
 * sustained one, a registration and three comments: each comment goes to a ticket filed before
 * the loop, three to a ticket, so that streams stay as short as in the sustained run (commenting
 * round a few tickets instead gave each of them hundreds of events by the end, every command
 * reading them all).
 */
const atRate = async (perSecond: number, cpu: CpuClock) => {
  const latencies: number[] = [];
  const total = perSecond * SECONDS;
  const tickets = await fileTickets(Math.ceil(total / 4));
  const cpuAtStart = cpu();
  const started = process.hrtime.bigint();
  const running: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = (i / perSecond) * 1000;
    const wait = due - elapsedMs(started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t = process.hrtime.bigint();
    // BENCH_COMMENTS=together sends a ticket's three comments one after another, at once.
    const ticket = TOGETHER ? Math.floor(i / 4) : (i - Math.ceil(i / 4)) % tickets.length;
    const work = i % 4 === 0 ? register() : comment(tickets[ticket]);
    running.push(work.then(() => void latencies.push(elapsedMs(t))));
    // Every command is awaited below; none may end the process as an unhandled rejection first.
    running[running.length - 1].catch(() => undefined);
  }
  await Promise.all(running);
  return withCpuPerCommand(
    summarise(`open loop at ${perSecond}/s`, latencies, elapsedMs(started) / 1000),
    cpu() - cpuAtStart,
  );
};

/** Files `count` tickets, CLIENTS at a time. */
const fileTickets = async (count: number) => {
  const ids: string[] = new Array<string>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let slot = next++; slot < count; slot = next++) ids[slot] = (await register()).id;
    }),
  );
  return ids;
};

/** From filing a ticket until the read side holds it, 200 times; `held` says whether it does. */
const timeToRead = async (held: (ticket: Awaited<ReturnType<typeof register>>) => Promise<boolean>) => {
  const lags: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < 200; i++) {
    const t = process.hrtime.bigint();
    const ticket = await register();
    while (!(await held(ticket))) await new Promise((r) => setTimeout(r, 1));
    lags.push(elapsedMs(t));
  }
  return summarise('filed until readable', lags, elapsedMs(started) / 1000);
};

/** FerretDB: the projection's document, looked up by id in the database itself (no query cost). */
const projectedInto = async (mongoUrl: string) => {
  const connection = await mongoose.createConnection(mongoUrl).asPromise();
  const views = connection.collection<{ _id: string }>('ticket_views');
  try {
    return await timeToRead(
      async ({ id }) => (await views.findOne({ _id: id }, { projection: { _id: 1 } })) !== null,
    );
  } finally {
    await connection.close();
  }
};

/** In memory: a list that must answer from a read model holding the command's position. */
const listedAfter = () =>
  timeToRead(async ({ writePosition }) => {
    const headers = { ...authorised(agent), 'x-read-after': writePosition };
    return (await http.send('GET', '/tickets?limit=1', headers)).status === 200;
  });

/** The peer: its row, read back over HTTP. */
const rowReadable = () =>
  timeToRead(async ({ id }) => (await http.send('GET', `/tickets/${id}`, authorised(agent))).status === 200);

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

type Figures = {
  sustained: ReturnType<typeof withCpuPerCommand>;
  openLoop: ReturnType<typeof withCpuPerCommand>;
  toRead: ReturnType<typeof summarise>;
};

type Started = Awaited<ReturnType<typeof startProcess>>;

/**
 * The same client and load against one target: sustained, open loop at half of it, command to
 * read. HTTP goes to `base`; the CPU counted is that of every process the target runs.
 */
const measure = async (
  { base, processes }: { base: string; processes: Started[] },
  toRead: () => ReturnType<typeof timeToRead>,
): Promise<Figures> => {
  const cpu = () => processes.reduce((sum, { child }) => sum + processCpuMs(child.pid!), 0);
  http = new BenchHttpClient(base);
  try {
    for (
      let tries = 0;
      await register().then(
        () => false,
        () => tries++ < 100,
      );
    )
      await new Promise((r) => setTimeout(r, 200));
    const sustainedRun = await sustained(cpu);
    const openLoop = await atRate(Math.max(1, Math.round(sustainedRun.perSecond / 2)), cpu);
    return { sustained: sustainedRun, openLoop, toRead: await toRead() };
  } finally {
    http.close();
  }
};

const stop = (child: ReturnType<typeof spawn>) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const ratio = (ours: number, peer: number) => (peer === 0 ? 'n/a' : `${(ours / peer).toFixed(2)}x`);

type Layout = 'single' | 'sibling';

/**
 * Ours on fresh databases: `single` is one process doing everything; `sibling` puts HTTP on a
 * replica with BACKGROUND_WORK=off and starts the sibling that runs the background work first.
 */
const startOurs = async (databases: Databases, readStore: ReadStore, layout: Layout) => {
  if (layout === 'single') {
    const service = await startService(databases, readStore);
    return { base: service.base, processes: [service] };
  }
  const worker = await startService(databases, readStore, 'on');
  const server = await startService(databases, readStore, 'off').catch(async (error: unknown) => {
    await stop(worker.child);
    throw error;
  });
  return { base: server.base, processes: [server, worker] };
};

const main = async () => {
  loadInfraEnv();
  if (!process.env.PG_URL || !process.env.MONGO_URL) throw new Error('run `npm run infra:up` first');
  const readStores = (process.env.BENCH_READ_STORE ?? 'mongodb,memory').split(',') as ReadStore[];
  const layouts = (process.env.BENCH_LAYOUT ?? 'single,sibling').split(',') as Layout[];
  const peerProcess = await startPeer();
  let peer: Figures;
  try {
    peer = await measure({ base: peerProcess.base, processes: [peerProcess] }, rowReadable);
  } finally {
    await stop(peerProcess.child);
  }
  console.table(peer);
  const rows: object[] = Object.values(peer).map((figure) => ({ target: 'bare peer', ...figure }));
  const ratios: object[] = [];
  for (const readStore of readStores)
    for (const layout of layouts) {
      const target = layout === 'single' ? readStore : `${readStore}, background on a sibling`;
      const databases = await freshDatabases();
      const service = await startOurs(databases, readStore, layout);
      try {
        // The reporter's organisation arrives as the contacts service would publish it.
        await publishOrganisations(process.env.KAFKA_BROKERS!.split(','), [
          { id: reporter.organisationId, contacts: [{ id: reporter.id }] },
        ]);
        const ours = await measure(service, () =>
          readStore === 'mongodb' ? projectedInto(databases.MONGO_URL) : listedAfter(),
        );
        http = new BenchHttpClient(service.base);
        const list = await listLatency();
        http.close();
        console.table({ ...ours, list });
        for (const figure of [...Object.values(ours), list])
          rows.push({ target: `ours, ${target}`, ...figure });
        ratios.push({
          'read side': target,
          'commands/s (goal >= 0.6x memory, 0.3x FerretDB)': ratio(
            ours.sustained.perSecond,
            peer.sustained.perSecond,
          ),
          'open-loop p99 (goal <= 25 ms)': `${ours.openLoop.p99ms} ms = ${ratio(ours.openLoop.p99ms, peer.openLoop.p99ms)}`,
          'command -> read p99 (goal <= 50 ms)': `${ours.toRead.p99ms} ms = ${ratio(ours.toRead.p99ms, peer.toRead.p99ms)}`,
          'CPU ms per command, sustained': `${ours.sustained.cpuMsPerCommand} = ${ratio(ours.sustained.cpuMsPerCommand, peer.sustained.cpuMsPerCommand)}`,
          'CPU ms per command, open loop': `${ours.openLoop.cpuMsPerCommand} = ${ratio(ours.openLoop.cpuMsPerCommand, peer.openLoop.cpuMsPerCommand)}`,
        });
      } finally {
        http?.close();
        for (const { child } of service.processes) await stop(child);
      }
    }
  const ceiling = await machineCeiling();
  rows.push({ target: 'machine', ...ceiling });
  console.table(rows);
  console.log('ours as a ratio to the bare peer (same run, same client, same adapter):');
  console.table(ratios);
  console.log(
    `load average while it ran: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
