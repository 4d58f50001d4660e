import { deadLetterTopic, TOPICS } from '@helpdesk/contracts';
import { requireInfra } from '@helpdesk/test-infra';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { createTopics } from './create-topics';

const brokers = requireInfra('KAFKA_BROKERS').split(',');
const kafka = new Kafka({ clientId: 'create-topics-test', brokers, logLevel: logLevel.NOTHING });
const root = join(__dirname, '../../../..');
// The CLI as the image runs it: compiled JavaScript, in a folder of its own so no other test's build races it.
const build = join(root, '.infra', 'build', 'create-topics');
const cli = join(build, 'libs/platform/src/events/create-topics.main.js');

const runCli = (env: Record<string, string>) => {
  const started = Date.now();
  const result = spawnSync(process.execPath, [cli], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { ...result, seconds: (Date.now() - started) / 1000 };
};

const retentionOf = async (topic: string) => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { resources } = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms'] }],
      includeSynonyms: false,
    });
    return resources[0].configEntries.find((e) => e.configName === 'retention.ms')?.configValue;
  } finally {
    await admin.disconnect();
  }
};

/** A loopback port nobody listens on: a broker that does not answer. */
const deadPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('createTopics (real broker)', () => {
  const topics = [`create-topics-a-${randomUUID()}`, `create-topics-b-${randomUUID()}`];

  it('creates each topic and its dead-letter topic with the partitions and retention asked for, then leaves them be', async () => {
    const settings = { partitions: 3, retentionMs: 3_600_000 };
    const first = await createTopics({ brokers, settings, timeoutMs: 30_000, topics });
    const expected = topics.flatMap((t) => [t, deadLetterTopic(t)]);
    expect(first.map((t) => t.topic).sort()).toEqual([...expected].sort());
    expect(first.every((t) => t.created && t.partitions === 3)).toBe(true);
    expect(await retentionOf(topics[0])).toBe('3600000');
    expect(await retentionOf(deadLetterTopic(topics[1]))).toBe('3600000');

    // Idempotent: a second run with other settings creates nothing and changes nothing.
    const second = await createTopics({
      brokers,
      settings: { partitions: 5, retentionMs: -1 },
      timeoutMs: 30_000,
      topics,
    });
    expect(second.map((t) => [t.created, t.partitions])).toEqual(expected.map(() => [false, 3]));
    expect(await retentionOf(topics[0])).toBe('3600000');
  });
});

describe('create-topics.main (the compiled CLI the topics job runs)', () => {
  beforeAll(() => {
    execFileSync(
      join(root, 'node_modules/.bin/swc'),
      ['libs', '-d', build, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '-q'],
      { cwd: root, stdio: 'pipe' },
    );
  }, 120_000);

  it('creates every topic of the contract and its dead-letter topic, and says so; a second run is as good', async () => {
    const env = { KAFKA_BROKERS: brokers.join(','), TOPICS_TIMEOUT_MS: '30000' };
    const first = runCli(env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const contract = Object.values(TOPICS).flatMap((t) => [t, deadLetterTopic(t)]);
    for (const topic of contract)
      expect(first.stdout).toMatch(
        new RegExp(`^${topic.replace(/\./g, '\\.')}: (created|exists), \\d+ partitions`, 'm'),
      );

    const admin = kafka.admin();
    await admin.connect();
    const existing = await admin.listTopics().finally(() => admin.disconnect());
    expect(existing).toEqual(expect.arrayContaining(contract));

    const second = runCli(env);
    expect(second.status).toBe(0);
    expect(second.stdout).not.toContain('created');
    expect(second.stdout.trim().split('\n')).toHaveLength(contract.length);
  });

  it('exits 1 with a clear message when the broker does not answer within TOPICS_TIMEOUT_MS', async () => {
    const port = await deadPort();
    const result = runCli({ KAFKA_BROKERS: `127.0.0.1:${port}`, TOPICS_TIMEOUT_MS: '2000' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `create-topics failed: Kafka at 127.0.0.1:${port} did not answer within 2000 ms`,
    );
    expect(result.seconds).toBeLessThan(15);
  });

  it('exits 78 listing every wrong setting', () => {
    const result = runCli({ TOPIC_PARTITIONS: '0', TOPIC_RETENTION_MS: '0' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('KAFKA_BROKERS is required');
    expect(result.stderr).toContain('TOPIC_PARTITIONS="0" is invalid');
    expect(result.stderr).toContain('TOPIC_RETENTION_MS="0" is invalid');
  });
});
