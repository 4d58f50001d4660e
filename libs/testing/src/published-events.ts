import { topicContract } from '@helpdesk/contracts';
import type { StoredEvent } from '@helpdesk/event-store';
import { ensureTopics, toCloudEvent } from '@helpdesk/messaging';
import { Kafka, logLevel, type Message, Partitioners } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/** An event of another service, as a test has it published: on its aggregate, at its revision. */
export interface OutsideEvent {
  aggregateId: string;
  revision: number;
  type: string;
  data: object;
}

/**
 * Publishes events on a topic exactly as their owning service's relay would (CloudEvents, keyed
 * by aggregate, `at` now unless given): for a service under test that runs without that service.
 */
export const publishEvents = async (brokers: string[], topic: string, events: OutsideEvent[]) => {
  const contract = topicContract(topic);
  await sendToTopic(
    { clientId: 'outside-events', brokers, topic },
    events.map(({ aggregateId, revision, type, data }) => {
      const stored = {
        id: randomUUID(),
        streamId: `${contract.streamPrefix}${aggregateId}`,
        revision,
        position: 0n,
        type,
        data: { at: new Date().toISOString(), ...data },
        metadata: { correlationId: randomUUID() },
        recordedAt: new Date(),
      } as StoredEvent;
      return { key: aggregateId, value: JSON.stringify(toCloudEvent(stored, contract)) };
    }),
  );
};

/** Creates the topic (as a relay would) if it is missing, and sends the messages to it. */
export const sendToTopic = async (
  { clientId, brokers, topic }: { clientId: string; brokers: string[]; topic: string },
  messages: Message[],
) => {
  const kafka = new Kafka({ clientId, brokers, logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [topic]).finally(() => admin.disconnect());
  // Named, not defaulted: the one the relay's keyPartitioner matches, without kafkajs' v2 warning.
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
};
