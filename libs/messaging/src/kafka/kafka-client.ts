import { Kafka, logLevel, type LogEntry } from 'kafkajs';

export interface KafkaLogger {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * A Kafka client whose own log lines go to ours, each distinct line once in a row: kafkajs logs
 * every failed connection attempt, and a broker that is down for an hour must not fill the log
 * (BackgroundTask says when the state changes).
 */
export const kafkaClient = (clientId: string, brokers: string[], logger: KafkaLogger): Kafka => {
  const lastByNamespace = new Map<string, string>();
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const line = `kafkajs ${namespace}: ${log.message}${log.error && log.error !== log.message ? ` (${String(log.error)})` : ''}`;
        if (lastByNamespace.get(namespace) === line) return;
        lastByNamespace.set(namespace, line);
        if (level <= logLevel.ERROR) logger.error(line);
        else logger.warn(line);
      },
  });
};
