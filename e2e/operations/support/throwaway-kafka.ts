import { requireInfra } from '@helpdesk/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from '../../../deploy/local/stack/stack';

const run = promisify(execFile);
const infraScript = join(workspaceRoot, 'deploy', 'local', 'infra.sh');

/**
 * A Kafka broker of the suite's own, fresh (no topics, no groups), started by `infra.sh` into a
 * temporary INFRA_DIR: stopping it by its pid (`kafka-stop`) disturbs no other test, and
 * `kafka-start` brings it back on the same port with the same data.
 */
export const startThrowawayKafka = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ops-suite-kafka-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    INFRA_DIR: dir,
    PG_URL: requireInfra('PG_URL'),
    MONGO_URL: requireInfra('MONGO_URL'),
  };
  delete env.KAFKA_BROKERS; // set for the shared broker; this one is to be started
  const infra = (command: string) => run('bash', [infraScript, command], { env, cwd: workspaceRoot });
  const setting = (name: string) =>
    readFileSync(join(dir, 'env'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith(`${name}=`))
      .map((line) => line.slice(name.length + 1))
      .at(-1);
  await infra('kafka-start');
  const brokers = setting('KAFKA_BROKERS');
  if (!brokers) throw new Error(`the throwaway broker in ${dir} wrote no KAFKA_BROKERS`);
  return {
    brokers,
    dir,
    pid: () => Number(readFileSync(join(dir, 'kafka', 'pid'), 'utf8').trim()),
    stop: () => infra('kafka-stop'),
    start: async () => {
      await infra('kafka-start');
      if (setting('KAFKA_BROKERS') !== brokers)
        throw new Error(`the broker came back at ${setting('KAFKA_BROKERS')}, not ${brokers}`);
    },
    remove: async () => {
      await infra('kafka-stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export type ThrowawayKafka = Awaited<ReturnType<typeof startThrowawayKafka>>;
