import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from '@helpdesk/testing';
import { buildWorkspace, loadState, workspaceRoot } from './stack';
import { isRunning } from './stack-process';

const run = promisify(execFile);
const cli = join(workspaceRoot, 'dist', 'deploy', 'local', 'stack', 'main.js');

/** What a user types, `npm run stack:up|status|mail|down`, on one service in a folder of its own. */
describe('the stack commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stack-cli-'));
  const stackIn = (folder: string, ...args: string[]) =>
    run(process.execPath, [cli, ...args, '--dir', folder], { cwd: workspaceRoot });
  const stack = (...args: string[]) => stackIn(dir, ...args);

  beforeAll(() => buildWorkspace(), 120000);
  afterAll(async () => {
    await stack('down').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }, 60000);

  it('start it, tell its state and its mail, and stop it by pid', async () => {
    const name = `e2e_cli_${Date.now().toString(36)}`;
    const up = await stack(
      'up',
      '--services',
      'contacts',
      '--replicas',
      '2',
      '--ports',
      'free',
      '--name',
      name,
    );
    expect(up.stdout).toMatch(/contacts-1 +http:\/\/127\.0\.0\.1:\d+ +pid \d+ +live after/);
    expect(up.stdout).toMatch(/contacts-2 +http:\/\/127\.0\.0\.1:\d+ +pid \d+ +live after/);
    expect(up.stdout).toContain(`logs (JSON lines): `);
    const state = loadState(dir)!;
    const [one, two] = state.processes.filter((p) => p.service === 'contacts');
    expect(one.port).not.toBe(two.port);
    expect(state.env.contacts).toMatchObject({
      MODE: 'distributed',
      EVENT_STORE: 'postgres',
      KAFKA_GROUP_PREFIX: `${name}.`,
    });
    expect(state.env.contacts.PG_URL).toMatch(new RegExp(`/${name}_contacts$`));

    // `up` returns once each replica is live; ready follows when it has joined its consumer group.
    const status = await eventually(
      () => stack('status'),
      (s) => /contacts-1 .* running, live 200, ready 200/.test(s.stdout),
    );
    expect(status.stdout).toMatch(/smtp-catcher .* running/);
    expect((await stack('mail')).stdout).toContain('0 message(s)');

    const down = await stack('down');
    expect(down.stdout).toMatch(/contacts-2 +pid \d+ +stopped/);
    for (const p of state.processes)
      expect({ id: p.id, running: isRunning(p.pid) }).toEqual({ id: p.id, running: false });
    await expect(stack('status')).rejects.toMatchObject({ code: 3 });
  }, 180000);

  it('refuses wrong options with every problem listed, starting nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'stack-cli-refused-'));
    await expect(stackIn(empty, 'up', '--replicas', 'two', '--smtp', 'nowhere')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--replicas must be a whole number from 1 to 9, not "two"'),
    });
    expect({ state: loadState(empty), files: readdirSync(empty) }).toEqual({ state: undefined, files: [] });
    rmSync(empty, { recursive: true, force: true });
  });
});
