// Jest global setup of the kafka-3.9 project (the messaging suite's second pass): starts, or finds
// running, the Kafka 3.9 broker of `infra.sh kafka-3.9`, beside the default 4.x one of infra:up.
import { execFileSync } from 'node:child_process';
import { infraScript, kafka39EnvFile, readEnvFile } from '../infra';

export default function startKafka39(): void {
  execFileSync('bash', [infraScript, 'kafka-3.9'], { stdio: ['ignore', 'inherit', 'inherit'] });
  const { KAFKA_BROKERS, KAFKA_VERSION } = readEnvFile(kafka39EnvFile);
  process.stderr.write(
    `[kafka-3.9] messaging suite's second pass against Kafka ${KAFKA_VERSION} at ${KAFKA_BROKERS}\n`,
  );
}
