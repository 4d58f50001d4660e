// Jest setup file of the kafka-3.9 project: the same servers as the integration project, except
// that Kafka is the 3.9 broker the global setup started.
import { kafka39EnvFile, loadInfraEnv, readEnvFile } from '../infra';

const fromInfra = readEnvFile(kafka39EnvFile);
const brokers = process.env.HELPDESK_KAFKA_39_CONTAINER ?? fromInfra.KAFKA_BROKERS;
if (!brokers)
  throw new Error(`${kafka39EnvFile} names no broker: run \`bash deploy/local/infra.sh kafka-3.9\``);
process.env.KAFKA_BROKERS = brokers;
process.env.KAFKA_VERSION = fromInfra.KAFKA_VERSION ?? '3.9';
loadInfraEnv();
process.env.LOG_LEVEL ??= 'warn';
