// The consuming service of bench:pipeline, on a thread of its own as it is a process of its own
// when deployed: it reports to the bench every 50 ms how many events it handled, when the first
// came and each one's delay from append to handler.
import { InMemoryProcessedEvents, KafkaEventConsumer } from '@helpdesk/messaging';
import { Kafka, logLevel } from 'kafkajs';
import { parentPort, workerData } from 'node:worker_threads';

export interface ConsumerReport {
  handled: number;
  /** process.hrtime.bigint() of the first handled event, as text (threads share the clock). */
  firstHandledAt?: string;
  /** The delays (ms) of the events handled since the last report. */
  latencies: number[];
}

const { brokers, topic } = workerData as { brokers: string[]; topic: string };

const main = async () => {
  let report: ConsumerReport = { handled: 0, latencies: [] };
  const consumer = new KafkaEventConsumer({
    kafka: new Kafka({ clientId: 'bench-consumer', brokers, logLevel: logLevel.NOTHING }),
    groupId: `bench-${Date.now()}`,
    topics: [topic],
    processed: new InMemoryProcessedEvents(),
    concurrency: 6,
    handler: async ({ event }) => {
      report.handled++;
      report.firstHandledAt ??= process.hrtime.bigint().toString();
      report.latencies.push(Date.now() - new Date(event.time).getTime());
    },
  });
  const reporting = setInterval(() => {
    parentPort!.postMessage(report);
    report = { ...report, latencies: [] };
  }, 50);
  parentPort!.on('message', async (message) => {
    if (message !== 'stop') return;
    clearInterval(reporting);
    await consumer.stop();
    parentPort!.postMessage('stopped');
  });
  await consumer.start();
  parentPort!.postMessage('started');
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
