import { randomBytes, randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { keyPartitioner } from './key-partitioner';

describe('the relay partitioner', () => {
  const partitionMetadata = Array.from({ length: 12 }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));
  const theirs = Partitioners.DefaultPartitioner();
  const ours = keyPartitioner();
  const partitionOf = (partitioner: typeof ours, key: Buffer | string) =>
    partitioner({ topic: 't', partitionMetadata, message: { key, value: null } });

  it('puts every key on the partition kafkajs default partitioner does', () => {
    const keys: Array<Buffer | string> = [
      '',
      'a',
      'ab',
      'abc',
      'ticket-é',
      ...Array.from({ length: 2000 }, () => randomUUID()),
      ...Array.from({ length: 500 }, (_, i) => randomBytes(i % 37)),
    ];
    for (const key of keys) expect(partitionOf(ours, key)).toBe(partitionOf(theirs, key));
  });

  it("keeps a message's own partition", () => {
    expect(ours({ topic: 't', partitionMetadata, message: { key: 'k', value: null, partition: 5 } })).toBe(5);
  });
});
