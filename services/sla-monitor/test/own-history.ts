import { TOPICS } from '@helpdesk/contracts';
import { distributedTestSettings } from '@helpdesk/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

/** The groups of the tickets and sla-monitor features, with the topic each reads. */
const SUBSCRIPTIONS = [
  ['sla-monitor.tickets', TOPICS.tickets],
  ['sla-monitor.directory', TOPICS.contacts],
  ['tickets.sla', TOPICS.sla],
  ['tickets.directory', TOPICS.contacts],
  ['tickets.releases', TOPICS.releases],
];

/**
 * Distributed settings with an event store of the test's own: the relays publish only this
 * test's events, not every stream earlier suites left in the shared database.
 */
export const settingsWithOwnEventStore = async (name: string): Promise<Record<string, string>> => {
  const settings = distributedTestSettings(name);
  const database = `${name}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: settings.PG_URL });
  await admin.connect();
  await admin.query(`create database ${database}`).finally(() => admin.end());
  const url = new URL(settings.PG_URL);
  url.pathname = `/${database}`;
  return { ...settings, PG_URL: url.toString() };
};

/**
 * The shared topics hold every earlier run's events: the test's new consumer groups start at
 * their end, as a deployment that has read them would, instead of working through them first.
 */
export const skipEarlierRuns = async (settings: Record<string, string>) => {
  const kafka = new Kafka({
    clientId: 'sla-e2e-skip-earlier-runs',
    brokers: settings.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    for (const [group, topic] of SUBSCRIPTIONS) {
      if (!existing.includes(topic)) continue;
      const partitions = (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({
        partition,
        offset: high,
      }));
      await admin.setOffsets({ groupId: `${settings.KAFKA_GROUP_PREFIX}${group}`, topic, partitions });
    }
  } finally {
    await admin.disconnect();
  }
};
