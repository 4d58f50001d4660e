// Jest global setup of the kafka-3.9 project (the messaging suite's second pass): starts, or finds
// running, the Kafka 3.9 broker of `infra.sh kafka-3.9`, beside the default 4.x one of infra:up.
// A machine without Java and Maven but with a Docker engine runs it as a container instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { infraScript, kafka39EnvFile, readEnvFile } from '../infra';
import { askDocker, kafkaVersionOf, startKafkaContainer } from '../servers/containers';
import { startedContainers } from '../servers/global-setup';

/** Handed to the project's setup file (load-env.ts) when the broker is a container. */
export const containerBrokersVariable = 'HELPDESK_KAFKA_39_CONTAINER';

const installed = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

export default async function startKafka39(): Promise<void> {
  if (!installed('java') || !installed('mvn')) {
    const docker = await askDocker();
    if (!docker.answers)
      throw new Error(`the Kafka 3.9 pass needs Java 17 and Maven (infra.sh), or Docker: ${docker.why}`);
    const started = await startKafkaContainer(kafkaVersionOf('3.9'));
    startedContainers().push(started);
    process.env[containerBrokersVariable] = started.value;
    process.stderr.write(
      `[kafka-3.9] second pass against a Kafka ${kafkaVersionOf('3.9')} container at ${started.value}\n`,
    );
    return;
  }
  execFileSync('bash', [infraScript, 'kafka-3.9'], { stdio: ['ignore', 'inherit', 'inherit'] });
  const { KAFKA_BROKERS, KAFKA_VERSION } = readEnvFile(kafka39EnvFile);
  process.stderr.write(
    `[kafka-3.9] second pass against Kafka ${KAFKA_VERSION} at ${KAFKA_BROKERS} (infra.sh kafka-3.9)\n`,
  );
}
