// Jest setup file of the kafka-3.9 project: the same servers as the integration project, except
// that Kafka is the 3.9 broker the global setup started.
import { kafka39EnvFile, loadInfraEnv, readEnvFile } from '../infra';

const { KAFKA_BROKERS, KAFKA_VERSION } = readEnvFile(kafka39EnvFile);
if (!KAFKA_BROKERS)
  throw new Error(`${kafka39EnvFile} names no broker: run \`bash deploy/local/infra.sh kafka-3.9\``);
process.env.KAFKA_BROKERS = KAFKA_BROKERS;
process.env.KAFKA_VERSION = KAFKA_VERSION;
loadInfraEnv();
process.env.LOG_LEVEL ??= 'warn';
