import { TOPICS } from '@helpdesk/contracts';
import { distributedTestSettings, requireInfra, startTestApp } from '@helpdesk/testing';
import { Kafka, logLevel } from 'kafkajs';
import { ticketsService } from '../src/tickets.service';

/**
 * A process that shuts down leaves its consumer groups: the next member gets its partitions at
 * once, not after the 30 s session timeout in which Kafka would otherwise wait for the dead one.
 */
describe('closing the tickets service', () => {
  it('hands its partitions of a consumer group to the other member within seconds', async () => {
    const settings = await distributedTestSettings('group_leave');
    const desk = await startTestApp(ticketsService, settings);
    const kafka = new Kafka({ brokers: [requireInfra('KAFKA_BROKERS')], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const [{ partitions }] = (await admin.fetchTopicMetadata({ topics: [TOPICS.contacts] })).topics;
    await admin.disconnect();
    // It notices a rebalance at its next heartbeat or fetch: both short, so what is measured is the leave.
    const other = kafka.consumer({
      groupId: `${settings.KAFKA_GROUP_PREFIX}tickets.directory`,
      heartbeatInterval: 300,
      maxWaitTimeInMs: 300,
    });
    const assignments: Array<{ at: number; partitions: number }> = [];
    other.on(other.events.GROUP_JOIN, ({ payload }) =>
      assignments.push({
        at: Date.now(),
        partitions: payload.memberAssignment[TOPICS.contacts]?.length ?? 0,
      }),
    );
    const until = async (condition: () => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      return condition();
    };
    try {
      await other.connect();
      await other.subscribe({ topic: TOPICS.contacts });
      await other.run({ eachMessage: async () => undefined });
      // Both members share the topic's partitions.
      expect(await until(() => assignments.length > 0, 60000)).toBe(true);
      expect(assignments[assignments.length - 1].partitions).toBeLessThan(partitions.length);

      const closedAt = Date.now();
      await desk.close();
      expect(await until(() => assignments.at(-1)!.partitions === partitions.length, 25000)).toBe(true);
      const handedOverAfterMs = assignments.at(-1)!.at - closedAt;
      console.log(`partitions handed over ${handedOverAfterMs} ms after app.close() began`);
      expect(handedOverAfterMs).toBeLessThan(5000); // the session timeout is 30 s
    } finally {
      await other.disconnect();
    }
  });
});
