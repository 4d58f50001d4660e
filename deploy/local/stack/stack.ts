// The infra settings alone, not the whole testing library (Nest's testing module, supertest).
import { requireInfra } from '../../../libs/test-infra/src/infra';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TOPICS } from '@helpdesk/contracts';
import { defaultTopicSettings, ensureTopics } from '@helpdesk/messaging';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { STACK_SERVICES, type StackOptions, type StackServiceName } from './stack-options';
import {
  choosePort,
  httpStatus,
  isRunning,
  readPidFile,
  removePidFile,
  spawnProcess,
  type StackProcess,
  stopPid,
  tcpAnswers,
  waitUntilAnswers,
  waitUntilLive,
} from './stack-process';

export const workspaceRoot = resolve(
  __dirname,
  '../../..',
  existsSync(resolve(__dirname, '../../../nx.json')) ? '' : '..',
);
/** Where `stack:up` keeps logs, pid files, mail and its state: `.infra/stack/`. */
export const defaultStackDir = join(workspaceRoot, '.infra', 'stack');

/** The servers of `npm run infra:up` (or of the environment) the services run against. */
export interface StackInfra {
  KAFKA_BROKERS: string;
  MONGO_URL: string;
  PG_URL: string;
}

export interface StackStartOptions extends StackOptions {
  dir: string;
  infra?: Partial<StackInfra>;
  /** Settings for every service on top of the stack's own (e.g. SLA_POLICIES_FILE). */
  env?: Record<string, string>;
  /** How long a process may take to answer /health/live. */
  liveTimeoutMs?: number;
}

export interface Stack {
  name: string;
  dir: string;
  jwtSecret: string;
  infra: StackInfra;
  processes: StackProcess[];
  smtp?: { url: string; mailDir: string; process?: StackProcess };
  /** The settings each service's processes run with (PORT aside). */
  env: Record<string, Record<string, string>>;
  /** How long each process took from its spawn to answering /health/live. */
  liveAfterMs: Record<string, number>;
}

const stateFile = (dir: string) => join(dir, 'stack.json');
export const mailDirOf = (dir: string) => join(dir, 'mail');
/** Each service's bundle (deploy/build/bundle.ts), as the image and the chart run it. */
const mainOf = (service: string) => join(workspaceRoot, 'dist', 'bundles', `${service}.js`);
const catcherMain = join(workspaceRoot, 'dist', 'deploy', 'local', 'stack', 'smtp-catcher-main.js');

/** `npm run build`, once, before any process starts: every process runs the same build. */
export const buildWorkspace = () =>
  execFileSync('npm', ['run', '-s', 'build'], { cwd: workspaceRoot, stdio: 'inherit' });

const databaseName = (stack: string, service: string) => `${stack}_${service.replace(/-/g, '_')}`;

/** Each service keeps its events in a PostgreSQL database of its own, created on first start. */
const ensureDatabase = async (serverUrl: string, name: string) => {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** The secret the services share: the one given, else the stack's own, made once and kept. */
const jwtSecretFor = (dir: string, given?: string) => {
  if (given) return given;
  const file = join(dir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
};

const portFor = async (options: StackOptions, index: number, replica: number, usual: number) => {
  if (options.ports === 'free') return choosePort();
  if (options.ports === 'default') return choosePort(usual + 10 * (replica - 1));
  const wanted = options.ports + index + 1 + 10 * (replica - 1);
  const port = await choosePort(wanted);
  if (port !== wanted) throw new Error(`port ${wanted} is taken (--ports ${options.ports})`);
  return port;
};

const saveState = (stack: Stack) =>
  writeFileSync(stateFile(stack.dir), `${JSON.stringify(stack, null, 2)}\n`);

export const loadState = (dir: string): Stack | undefined =>
  existsSync(stateFile(dir)) ? (JSON.parse(readFileSync(stateFile(dir), 'utf8')) as Stack) : undefined;

const serviceEnv = async (
  options: StackStartOptions,
  infra: StackInfra,
  service: StackServiceName,
  jwtSecret: string,
  smtpUrl: string,
): Promise<Record<string, string>> => {
  const db = databaseName(options.name, service);
  return {
    MODE: 'distributed',
    // No EventStoreDB server exists on these machines: the PostgreSQL store, a database per service.
    EVENT_STORE: 'postgres',
    PG_URL: await ensureDatabase(infra.PG_URL, db),
    // One key table for the whole desk: every service opens the contacts' sealed fields with it.
    PERSONAL_DATA_KEYS_URL: await ensureDatabase(infra.PG_URL, databaseName(options.name, 'personal_data')),
    READ_STORE: 'mongodb',
    MONGO_URL: new URL(db, infra.MONGO_URL).toString(),
    EVENT_BUS: 'kafka',
    KAFKA_BROKERS: infra.KAFKA_BROKERS,
    KAFKA_GROUP_PREFIX: `${options.name}.`,
    AUTH_JWT_SECRET: jwtSecret,
    HOST: '127.0.0.1',
    ...(service === 'notifications' ? { MAIL_TRANSPORT: 'smtp', SMTP_URL: smtpUrl } : {}),
    ...options.env,
  };
};

/** Every topic of the desk (and its dead-letter topic), with the partitions the services would use. */
const createTopics = async (brokers: string, env: Record<string, string | undefined>) => {
  const admin = new Kafka({
    clientId: 'helpdesk-stack',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    await ensureTopics(admin, Object.values(TOPICS), {
      partitions: Number(env.TOPIC_PARTITIONS ?? defaultTopicSettings.partitions),
      retentionMs: Number(env.TOPIC_RETENTION_MS ?? defaultTopicSettings.retentionMs),
    });
  } finally {
    await admin.disconnect();
  }
};

/** One more process of a service, with the settings its other processes have. */
export const startServiceProcess = (stack: Stack, service: StackServiceName, replica: number, port: number) =>
  spawnProcess({
    id: `${service}-${replica}`,
    service,
    replica,
    port,
    url: `http://127.0.0.1:${port}`,
    script: mainOf(service),
    env: { ...process.env, ...stack.env[service], PORT: String(port) },
    cwd: workspaceRoot,
    log: join(stack.dir, `${service}-${replica}.log`),
    pidFile: join(stack.dir, `${service}-${replica}.pid`),
  });

/**
 * Starts every service as its own process (`replicas` of each) in distributed mode against the
 * infra servers, with the SMTP catcher first; resolves once each answers /health/live. Needs
 * `npm run build` (buildWorkspace) done. Processes already running for this stack are refused.
 */
export const startStack = async (options: StackStartOptions): Promise<Stack> => {
  mkdirSync(options.dir, { recursive: true });
  const running = runningProcesses(options.dir);
  if (running.length)
    throw new Error(
      `the stack in ${options.dir} still runs (${running.map((p) => `${p.id} pid ${p.pid}`).join(', ')}): stack:down first`,
    );
  const infra: StackInfra = {
    KAFKA_BROKERS: options.infra?.KAFKA_BROKERS ?? requireInfra('KAFKA_BROKERS'),
    MONGO_URL: options.infra?.MONGO_URL ?? requireInfra('MONGO_URL'),
    PG_URL: options.infra?.PG_URL ?? requireInfra('PG_URL'),
  };
  const jwtSecret = jwtSecretFor(options.dir, options.jwtSecret);
  const stack: Stack = {
    name: options.name,
    dir: options.dir,
    jwtSecret,
    infra,
    processes: [],
    env: {},
    liveAfterMs: {},
  };
  const liveTimeoutMs = options.liveTimeoutMs ?? 120000;
  try {
    let smtpUrl = options.smtp;
    if (options.smtp === 'catcher') {
      const port = await choosePort(options.ports === 'free' ? undefined : 2525);
      const catcher = spawnProcess({
        id: 'smtp-catcher',
        service: 'smtp-catcher',
        replica: 1,
        port,
        url: `smtp://127.0.0.1:${port}`,
        script: catcherMain,
        args: [String(port), mailDirOf(options.dir)],
        env: process.env,
        cwd: workspaceRoot,
        log: join(options.dir, 'smtp-catcher.log'),
        pidFile: join(options.dir, 'smtp-catcher.pid'),
      });
      stack.processes.push(catcher);
      await waitUntilAnswers(catcher, () => tcpAnswers(port, 500), 20000);
      smtpUrl = catcher.url;
      stack.smtp = { url: catcher.url, mailDir: mailDirOf(options.dir), process: catcher };
    } else {
      stack.smtp = { url: options.smtp, mailDir: mailDirOf(options.dir) };
    }
    if (options.topics === 'create')
      await createTopics(infra.KAFKA_BROKERS, { ...process.env, ...options.env });
    const services = STACK_SERVICES.filter((s) => options.services.includes(s.name));
    for (const { name } of services)
      stack.env[name] = await serviceEnv(options, infra, name, jwtSecret, smtpUrl);
    // All at once, as a deployment starts them: each must cope with the others starting too.
    for (const [index, { name, defaultPort }] of services.entries())
      for (let replica = 1; replica <= options.replicas; replica++) {
        const port = await portFor(options, index, replica, defaultPort);
        stack.processes.push(startServiceProcess(stack, name, replica, port));
      }
    saveState(stack);
    await Promise.all(
      stack.processes
        .filter((p) => p.service !== 'smtp-catcher')
        .map(async (p) => (stack.liveAfterMs[p.id] = await waitUntilLive(p, liveTimeoutMs))),
    );
    saveState(stack);
    return stack;
  } catch (error) {
    await stopStack(options.dir);
    throw error;
  }
};

/** Records a process that replaced another (same service, replica and port) in the state file. */
export const replaceProcess = (stack: Stack, replacement: StackProcess) => {
  stack.processes = stack.processes.map((p) => (p.id === replacement.id ? replacement : p));
  saveState(stack);
};

/** The processes of the stack in `dir` whose pid file names a running process. */
export const runningProcesses = (dir: string) => {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.pid'))
    .map((name) => ({ id: name.slice(0, -4), pidFile: join(dir, name), pid: readPidFile(join(dir, name)) }))
    .filter(
      (p): p is { id: string; pidFile: string; pid: number } => p.pid !== undefined && isRunning(p.pid),
    );
};

/** Stops every process whose pid file is in `dir` (SIGTERM, SIGKILL after a grace period). */
export const stopStack = async (dir: string, graceMs = 15000) => {
  const stopped: Array<{ id: string; pid: number; how: string }> = [];
  const pidFiles = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.pid')) : [];
  // Services first, so none loses its mail server while it still sends.
  const order = (name: string) => (name.startsWith('smtp-catcher') ? 1 : 0);
  for (const group of [0, 1])
    await Promise.all(
      pidFiles
        .filter((name) => order(name) === group)
        .map(async (name) => {
          const pidFile = join(dir, name);
          const pid = readPidFile(pidFile);
          if (pid !== undefined)
            stopped.push({ id: name.slice(0, -4), pid, how: await stopPid(pid, graceMs) });
          removePidFile(pidFile);
        }),
    );
  return stopped;
};

export interface ProcessStatus {
  id: string;
  pid?: number;
  url: string;
  running: boolean;
  live?: number;
  ready?: number;
  log: string;
}

/** Each process of the stack: running by its pid, and what /health/live and /health/ready answer. */
export const stackStatus = async (dir: string): Promise<ProcessStatus[]> => {
  const state = loadState(dir);
  if (!state) return [];
  return Promise.all(
    state.processes.map(async (p) => {
      const pid = readPidFile(p.pidFile);
      const running = pid !== undefined && isRunning(pid);
      const http = p.url.startsWith('http');
      return {
        id: p.id,
        pid,
        url: p.url,
        running,
        log: p.log,
        ...(running && http
          ? {
              live: await httpStatus(`${p.url}/health/live`),
              ready: await httpStatus(`${p.url}/health/ready`, 3000),
            }
          : {}),
      };
    }),
  );
};
