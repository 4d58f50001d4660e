import type { Admin } from 'kafkajs';

export interface PartitionEnds {
  partition: number;
  /** The offset of the next message to be written. */
  high: string;
  /** The oldest offset still kept. */
  low: string;
}

export interface CommittedOffset {
  partition: number;
  /** '-1' when the group has not committed on this partition. */
  offset: string;
}

/**
 * Messages a group has yet to handle on one topic: per partition the end minus what it committed.
 * A partition it never committed on counts whole (what is still kept): it will read it all
 * from the beginning. Never negative: a committed offset may run ahead of a stale end.
 */
export const topicLag = (ends: PartitionEnds[], committed: CommittedOffset[]): number => {
  const byPartition = new Map(committed.map((c) => [c.partition, Number(c.offset)]));
  return ends.reduce((sum, { partition, high, low }) => {
    const offset = byPartition.get(partition) ?? -1;
    const from = offset < 0 ? Number(low) : offset;
    return sum + Math.max(0, Number(high) - from);
  }, 0);
};

/** The group's lag over all its topics, asked of the brokers. */
export const consumerGroupLag = async (admin: Admin, groupId: string, topics: string[]): Promise<number> => {
  const committed = await admin.fetchOffsets({ groupId, topics });
  let lag = 0;
  for (const { topic, partitions } of committed) {
    lag += topicLag(await admin.fetchTopicOffsets(topic), partitions);
  }
  return lag;
};
