/**
 * Creates every topic with its partitions and retention, once, before the services need them:
 * the chart's topics Job and docker-compose's `topics` service run it.
 *
 *   KAFKA_BROKERS=kafka:9092 node dist/libs/platform/src/events/create-topics.main.js
 *
 * Idempotent. Exit 0 when every topic exists, 1 when the broker did not answer within
 * TOPICS_TIMEOUT_MS, 78 when a setting is wrong.
 */
import { ConfigError } from '../config/config';
import { createTopics, loadCreateTopicsSettings } from './create-topics';

const main = async () => {
  let settings: ReturnType<typeof loadCreateTopicsSettings>;
  try {
    settings = loadCreateTopicsSettings();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`create-topics cannot start.\n${error.message}\n`);
    process.exit(78); // EX_CONFIG, as the services
  }
  const wanted = { partitions: settings.TOPIC_PARTITIONS, retentionMs: settings.TOPIC_RETENTION_MS };
  try {
    const report = await createTopics({
      brokers: settings.KAFKA_BROKERS,
      settings: wanted,
      timeoutMs: settings.TOPICS_TIMEOUT_MS,
    });
    for (const { topic, partitions, created } of report) {
      const differs =
        partitions !== wanted.partitions ? ` (TOPIC_PARTITIONS is ${wanted.partitions}: left as it is)` : '';
      process.stdout.write(
        `${topic}: ${created ? 'created' : 'exists'}, ${partitions} partitions${differs}\n`,
      );
    }
  } catch (error) {
    process.stderr.write(`create-topics failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
};

void main();
