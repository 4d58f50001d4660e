import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** Builds the workspace into dist/ (swc, about a second), as `npm run build` does. */
export const buildWorkspace = () =>
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });

/** A loopback port nothing listens on now: a free one, or one to point a client at a closed broker. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface ServiceProcess {
  child: ChildProcess;
  /** Every stdout line so far (JSON log lines), and stderr's text. */
  stdout: string[];
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** Milliseconds from spawn until `path` first answered 200, polling every 25 ms. */
  answers(path: string, base: string, timeoutMs?: number): Promise<number>;
}

/** Runs `node dist/<main>` with exactly `env` (plus PATH), capturing its output line by line. */
export const spawnService = (main: string, env: Record<string, string>): ServiceProcess => {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [join(ROOT, 'dist', main)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    stdout.push(...lines.filter(Boolean));
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      if (partial) stdout.push(partial);
      resolve(code ?? signal ?? -1);
    }),
  );
  return {
    child,
    stdout,
    stderr: () => stderr,
    exited,
    answers: async (path, base, timeoutMs = 30000) => {
      const deadline = spawnedAt + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`the process exited (${child.exitCode}): ${stderr}`);
        const status = await fetch(new URL(path, base)).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) return Date.now() - spawnedAt;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`${path} did not answer 200 within ${timeoutMs} ms`);
    },
  };
};
