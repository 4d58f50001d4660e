import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createConnection, createServer } from 'node:net';

/** One process of the stack, as `stack:up` started it and `stack:down` stops it: by its pid. */
export interface StackProcess {
  /** `tickets-1`, `tickets-2`, `smtp-catcher`. */
  id: string;
  service: string;
  replica: number;
  port: number;
  /** http://127.0.0.1:<port> (smtp:// for the catcher). */
  url: string;
  pid: number;
  log: string;
  pidFile: string;
  /** When it was spawned (ms since the epoch): the start of "answers within N s". */
  startedAt: number;
}

export interface SpawnRequest {
  id: string;
  service: string;
  replica: number;
  port: number;
  url: string;
  script: string;
  args?: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  log: string;
  pidFile: string;
}

/** How a process ended, for a caller that watches it (the suite: "none exits"). */
export const exits = new Map<number, { code: number | null; signal: NodeJS.Signals | null }>();

/**
 * Starts a process detached from ours, its stdout and stderr appended to its log file, its pid
 * written to its pid file: it outlives `stack:up` and is stopped by pid.
 */
export const spawnProcess = (req: SpawnRequest): StackProcess => {
  const out = openSync(req.log, 'a');
  try {
    const child = spawn(process.execPath, [req.script, ...(req.args ?? [])], {
      cwd: req.cwd,
      env: req.env,
      detached: true,
      stdio: ['ignore', out, out],
    });
    if (child.pid === undefined) throw new Error(`${req.id}: could not start ${req.script}`);
    const pid = child.pid;
    child.on('exit', (code, signal) => exits.set(pid, { code, signal }));
    child.unref();
    writeFileSync(req.pidFile, `${pid}\n`);
    return {
      id: req.id,
      service: req.service,
      replica: req.replica,
      port: req.port,
      url: req.url,
      pid,
      log: req.log,
      pidFile: req.pidFile,
      startedAt: Date.now(),
    };
  } finally {
    closeSync(out);
  }
};

export const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch {
    return false;
  }
};

/** A child that died but was not yet reaped still answers kill(pid, 0). */
const isZombie = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? false;
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGTERM (a graceful stop), then SIGKILL after `graceMs`; resolves once the process is gone. */
export const stopPid = async (pid: number, graceMs = 15000) => {
  if (!isRunning(pid)) return 'not running' as const;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isRunning(pid) && Date.now() < deadline) await sleep(100);
  if (!isRunning(pid)) return 'stopped' as const;
  process.kill(pid, 'SIGKILL');
  while (isRunning(pid)) await sleep(50);
  return 'killed' as const;
};

/** kill -9: no chance to leave groups, flush or close; resolves once the process is gone. */
export const killPid = async (pid: number) => {
  if (!isRunning(pid)) return;
  process.kill(pid, 'SIGKILL');
  while (isRunning(pid)) await sleep(20);
};

export const readPidFile = (pidFile: string): number | undefined => {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
};

export const removePidFile = (pidFile: string) => rmSync(pidFile, { force: true });

/** The HTTP status of a GET, or undefined when nothing answers in time. */
export const httpStatus = (url: string, timeoutMs = 1000): Promise<number | undefined> =>
  new Promise((resolve) => {
    const req = request(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end();
  });

export const tcpAnswers = (port: number, timeoutMs = 1000): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port, timeout: timeoutMs });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });

/** The last lines of a process's log: what to show when it did not come up. */
export const tail = (log: string, lines = 15) =>
  existsSync(log) ? readFileSync(log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '(no log)';

/**
 * Waits until the process answers `check` (polled every 50 ms) and answers how long after its
 * spawn that was. Fails early, with its log's last lines, when the process exits first.
 */
export const waitUntilAnswers = async (
  proc: StackProcess,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<number> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return Date.now() - proc.startedAt;
    if (!isRunning(proc.pid)) {
      const exit = exits.get(proc.pid);
      throw new Error(
        `${proc.id} (pid ${proc.pid}) exited${exit ? ` with code ${exit.code ?? exit.signal}` : ''} ` +
          `before it answered; the end of ${proc.log}:\n${tail(proc.log)}`,
      );
    }
    if (Date.now() > deadline)
      throw new Error(
        `${proc.id} (pid ${proc.pid}) did not answer within ${timeoutMs} ms; the end of ${proc.log}:\n${tail(proc.log)}`,
      );
    await sleep(50);
  }
};

export const waitUntilLive = (proc: StackProcess, timeoutMs: number) =>
  waitUntilAnswers(proc, async () => (await httpStatus(`${proc.url}/health/live`, 500)) === 200, timeoutMs);

const listenable = (port: number): Promise<number | undefined> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
    });
  });

/** `wanted` when nothing listens there, else a port the kernel picks as free. */
export const choosePort = async (wanted?: number): Promise<number> => {
  if (wanted !== undefined && (await listenable(wanted)) === wanted) return wanted;
  const port = await listenable(0);
  if (port === undefined) throw new Error('no free port on 127.0.0.1');
  return port;
};

// Linux counts CPU time in clock ticks of USER_HZ (`getconf CLK_TCK`, 100 nearly everywhere).
let ticksPerSecond: number | undefined;
const clockTicks = () => {
  if (ticksPerSecond === undefined) {
    const answered = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    ticksPerSecond = answered > 0 ? answered : 100;
  }
  return ticksPerSecond;
};

/** CPU time (user + system, seconds) a running process has used, from /proc/<pid>/stat. */
export const cpuSeconds = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / clockTicks();
};
