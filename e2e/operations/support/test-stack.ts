import { TEST_JWT_SECRET } from '@helpdesk/testing';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  buildWorkspace,
  replaceProcess,
  type Stack,
  type StackInfra,
  startServiceProcess,
  startStack,
  stopStack,
  workspaceRoot,
} from '../../../deploy/local/stack/stack';
import {
  defaultStackOptions,
  type StackOptions,
  type StackServiceName,
} from '../../../deploy/local/stack/stack-options';
import { killPid, type StackProcess, waitUntilLive } from '../../../deploy/local/stack/stack-process';

/** Where the suite's stacks keep their logs, pids and mail: apart from a user's `.infra/stack`. */
export const suiteDir = join(workspaceRoot, '.infra', 'stack-e2e');

let built = false;

export interface TestStackOptions extends Partial<Pick<StackOptions, 'replicas' | 'services' | 'topics'>> {
  infra?: Partial<StackInfra>;
  env?: Record<string, string>;
}

/**
 * `stack:up` as the suite runs it: the same module, on free ports, with databases and consumer
 * groups of its own (new groups start at the topics' end: what other tests left on the shared
 * broker is not this stack's business), and the test secret so tests sign their own tokens.
 */
export const startTestStack = async (label: string, options: TestStackOptions = {}): Promise<Stack> => {
  if (!built) {
    buildWorkspace();
    built = true;
  }
  const name = `e2e_${label}_${Date.now().toString(36)}`;
  return startStack({
    ...defaultStackOptions,
    replicas: options.replicas ?? 1,
    services: options.services ?? defaultStackOptions.services,
    topics: options.topics ?? 'create',
    name,
    ports: 'free',
    smtp: 'catcher',
    jwtSecret: TEST_JWT_SECRET,
    dir: join(suiteDir, name),
    infra: options.infra,
    env: { KAFKA_NEW_GROUPS_START_AT: 'now', LOG_LEVEL: 'info', ...options.env },
  });
};

/** Stops every process of the stack by pid, then drops its PostgreSQL databases (its logs stay). */
export const stopTestStack = async (stack?: Stack) => {
  if (!stack) return;
  await stopStack(stack.dir, 10000);
  const admin = new URL(stack.infra.PG_URL);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const databases = new Set(
      Object.values(stack.env).flatMap((env) => [env.PG_URL, env.PERSONAL_DATA_KEYS_URL].filter(Boolean)),
    );
    for (const url of databases)
      await client.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
  } finally {
    await client.end();
  }
};

export const processOf = (stack: Stack, service: StackServiceName, replica = 1) => {
  const found = stack.processes.find((p) => p.service === service && p.replica === replica);
  if (!found) throw new Error(`no ${service}-${replica} in the stack`);
  return found;
};

/** Every HTTP address of a service, for a client that moves on when one does not answer. */
export const urlsOf = (stack: Stack, service: StackServiceName) =>
  stack.processes.filter((p) => p.service === service).map((p) => p.url);

/**
 * kill -9 of a process, and its replacement started at once (same service, replica and port), as
 * a supervisor would; answers the replacement once it is spawned (not yet answering).
 */
export const killAndReplace = async (stack: Stack, victim: StackProcess) => {
  await killPid(victim.pid);
  const replacement = startServiceProcess(
    stack,
    victim.service as StackServiceName,
    victim.replica,
    victim.port,
  );
  replaceProcess(stack, replacement);
  return replacement;
};

export const liveWithin = (proc: StackProcess, ms: number) => waitUntilLive(proc, ms);

/**
 * What the process itself says of its start in its last "listening" log line (uptimeMs: since
 * node started, module loading included; startMs: Nest's start), where it says it.
 */
export const ownStartFigures = (proc: StackProcess) => {
  const line = readFileSync(proc.log, 'utf8')
    .split('\n')
    .filter((l) => l.includes(' listening on '))
    .at(-1);
  if (!line) return 'no listening line';
  const { uptimeMs, startMs } = JSON.parse(line) as { uptimeMs?: number; startMs?: number };
  return uptimeMs === undefined
    ? 'no start figures in its log'
    : `its own log: node up ${uptimeMs} ms, Nest start ${startMs} ms`;
};

/** Prints a figure for the closing note and keeps it in `.infra/stack-e2e/figures.log`. */
export const report = (line: string) => {
  mkdirSync(suiteDir, { recursive: true });
  appendFileSync(join(suiteDir, 'figures.log'), `${new Date().toISOString()} ${line}\n`);
  process.stdout.write(`[figure] ${line}\n`);
};
