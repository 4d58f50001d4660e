// `npm run stack:up|stack:down|stack:status|stack:mail`: every service of the desk as its own
// process on this machine, against the servers of `npm run infra:up`. See the README's
// "Local distributed stack".
import { relative, resolve } from 'node:path';
import { listMails } from './mailbox';
import { parseStackOptions, StackUsageError } from './stack-options';
import {
  defaultStackDir,
  loadState,
  mailDirOf,
  stackStatus,
  startStack,
  stopStack,
  workspaceRoot,
} from './stack';

const shown = (path: string) => relative(process.cwd(), path) || '.';
const say = (line: string) => process.stdout.write(`${line}\n`);

const up = async (dir: string, args: string[]) => {
  const options = parseStackOptions(args);
  say(`starting ${options.services.length} services x ${options.replicas} (stack "${options.name}") ...`);
  const stack = await startStack({ ...options, dir });
  for (const p of stack.processes) {
    const after = stack.liveAfterMs[p.id];
    say(
      `  ${p.id.padEnd(16)} ${p.url.padEnd(24)} pid ${String(p.pid).padEnd(8)}${after === undefined ? '' : ` live after ${(after / 1000).toFixed(1)} s`}`,
    );
  }
  say(`logs (JSON lines): ${shown(stack.dir)}/<process>.log; pids: ${shown(stack.dir)}/<process>.pid`);
  if (stack.smtp?.process) say(`mail: ${shown(stack.smtp.mailDir)}/*.eml (npm run stack:mail lists them)`);
  say(
    `a token: AUTH_JWT_SECRET=$(cat ${shown(stack.dir)}/jwt-secret) npm run -s token -- --role agent --sub agent-1`,
  );
  say('stop: npm run stack:down');
};

const down = async (dir: string) => {
  const stopped = await stopStack(dir);
  if (!stopped.length) say(`nothing runs from ${shown(dir)}`);
  for (const s of stopped) say(`  ${s.id.padEnd(16)} pid ${String(s.pid).padEnd(8)} ${s.how}`);
};

const status = async (dir: string) => {
  const rows = await stackStatus(dir);
  if (!rows.length) return say(`no stack in ${shown(dir)}: npm run stack:up`);
  say(`${'process'.padEnd(16)} ${'url'.padEnd(24)} ${'pid'.padEnd(8)} state`);
  for (const r of rows) {
    const health =
      r.live === undefined ? '' : `, live ${r.live ?? 'no answer'}, ready ${r.ready ?? 'no answer'}`;
    say(
      `${r.id.padEnd(16)} ${r.url.padEnd(24)} ${String(r.pid ?? '-').padEnd(8)} ${r.running ? 'running' : 'stopped'}${health}`,
    );
  }
  if (rows.some((r) => !r.running)) process.exitCode = 3;
};

const mail = (stackDir: string) => {
  const dir = loadState(stackDir)?.smtp?.mailDir ?? mailDirOf(stackDir);
  const mails = listMails(dir);
  for (const m of mails)
    say(`${m.receivedAt}  ${m.envelopeTo.join(', ').padEnd(36)} ${m.subject}  ${shown(m.file)}`);
  say(`${mails.length} message(s) in ${shown(dir)}`);
};

const commands: Record<string, (dir: string, args: string[]) => unknown> = { up, down, status, mail };

/** `--dir DIR` (any command): a stack kept apart from `.infra/stack`, e.g. by a test. */
const takeDir = (args: string[]) => {
  const at = args.indexOf('--dir');
  if (at < 0) return { dir: defaultStackDir, rest: args };
  return { dir: resolve(args[at + 1] ?? '.'), rest: [...args.slice(0, at), ...args.slice(at + 2)] };
};

const [command = '', ...given] = process.argv.slice(2);
const { dir, rest: args } = takeDir(given);
const run = commands[command];
if (!run) {
  process.stderr.write(
    `usage: stack.js up [--replicas N] [--ports default|free|BASE] [--smtp catcher|URL] [--jwt-secret S] [--name NAME] [--services a,b] | down | status | mail; any with --dir DIR\n(workspace ${workspaceRoot})\n`,
  );
  process.exit(2);
}
Promise.resolve(run(dir, args)).catch((error) => {
  process.stderr.write(
    `stack ${command}: ${error instanceof StackUsageError ? error.problems.join('\n  ') : (error as Error).message}\n`,
  );
  process.exit(error instanceof StackUsageError ? 2 : 1);
});
