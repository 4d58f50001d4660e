import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** What the deploy checks run: Helm, the chart validator and hadolint, as `infra.sh deploy-tools` installs them. */
export const root = join(__dirname, '..');
const bin = join(root, '.infra', 'bin');

/**
 * Installs the tools when missing (minutes the first time: Helm builds from the Go module proxy;
 * seconds later) and fails with the script's own message, e.g. that go is missing.
 */
export const ensureDeployTools = () => {
  try {
    execFileSync('bash', [join(root, 'deploy/local/infra.sh'), 'deploy-tools'], { stdio: 'pipe' });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    throw new Error(
      `the deploy checks need their tools; \`bash deploy/local/infra.sh deploy-tools\` said:\n${stderr}`,
    );
  }
};

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export const run = (tool: 'helm' | 'chart-validate' | 'hadolint', args: string[], input?: string): Run => {
  const result = spawnSync(join(bin, tool), args, {
    cwd: root,
    input,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};
