import { KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { whileBrokerStarts } from './while-broker-starts';

describe('whileBrokerStarts', () => {
  const failingTimes = (times: number, error: () => Error) => {
    let calls = 0;
    const work = jest.fn(async () => {
      if (++calls <= times) throw error();
      return 'done';
    });
    return work;
  };
  const loading = () =>
    new KafkaJSProtocolError({
      message: 'The coordinator is loading',
      type: 'COORDINATOR_LOAD_IN_PROGRESS',
      code: 14,
      retriable: true,
    } as never);

  it('tries again while the broker answers with a retriable error, or kafkajs gave up on one', async () => {
    const work = failingTimes(2, loading);
    await expect(whileBrokerStarts(work)).resolves.toBe('done');
    const gaveUp = failingTimes(
      1,
      () => new KafkaJSNumberOfRetriesExceeded(loading(), { retryCount: 5, retryTime: 1 }),
    );
    await expect(whileBrokerStarts(gaveUp)).resolves.toBe('done');
    expect([work.mock.calls.length, gaveUp.mock.calls.length]).toEqual([3, 2]);
  });

  it('lets any other error through at once', async () => {
    const work = failingTimes(1, () => new Error('wrong configuration'));
    await expect(whileBrokerStarts(work)).rejects.toThrow('wrong configuration');
    expect(work).toHaveBeenCalledTimes(1);
  });
});
