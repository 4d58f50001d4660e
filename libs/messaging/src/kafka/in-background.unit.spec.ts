import { BackgroundTask } from './in-background';

const until = async (condition: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

const recordingLogger = () => {
  const lines: string[] = [];
  return { lines, log: (m: string) => lines.push(`log ${m}`), warn: (m: string) => lines.push(`warn ${m}`) };
};

describe('BackgroundTask', () => {
  it('retries a failing start until it runs, logging once per state change, not per retry', async () => {
    const logger = recordingLogger();
    let attempts = 0;
    let stops = 0;
    const task = new BackgroundTask({
      name: 'relay to t',
      logger,
      backOff: { initialMs: 1, maxMs: 4 },
      start: async () => {
        if (++attempts < 6) throw new Error('connect ECONNREFUSED');
      },
      stop: async () => void stops++,
    });
    task.begin();
    expect(task.state).toBe('connecting');
    await until(() => task.state === 'running');
    expect(attempts).toBe(6);
    expect(stops).toBe(5); // each half-done start undone before the next
    expect(logger.lines).toEqual([
      'warn relay to t waits for Kafka: connect ECONNREFUSED; retrying with back-off up to 4 ms',
      'log relay to t runs after 5 retries',
    ]);
    await task.stop();
    expect(task.state).toBe('stopped');
    expect(stops).toBe(6);
  });

  it('logs again when the reason changes, and says why it is not running', async () => {
    const logger = recordingLogger();
    const reasons = ['ECONNREFUSED', 'ECONNREFUSED', 'UNKNOWN_TOPIC_OR_PARTITION'];
    // The third attempt waits until the test has looked at the problem the first two left.
    let looked!: () => void;
    const lookedAt = new Promise<void>((resolve) => (looked = resolve));
    const task = new BackgroundTask({
      name: 'consumer group g',
      logger,
      backOff: { initialMs: 1, maxMs: 2 },
      start: async () => {
        if (reasons.length === 1) await lookedAt;
        const reason = reasons.shift();
        if (reason) throw new Error(reason);
      },
      stop: async () => undefined,
    });
    task.begin();
    await until(() => reasons.length === 1 && task.problem !== undefined);
    expect(task.problem).toBe('ECONNREFUSED');
    looked();
    await until(() => task.state === 'running');
    expect(task.problem).toBeUndefined();
    expect(logger.lines.filter((l) => l.startsWith('warn'))).toHaveLength(2);
    await task.stop();
  });

  it('goes back to retrying when running work fails later', async () => {
    const logger = recordingLogger();
    let starts = 0;
    const task = new BackgroundTask({
      name: 'consumer group g',
      logger,
      backOff: { initialMs: 1, maxMs: 1 },
      start: async () => void starts++,
      stop: async () => undefined,
    });
    task.begin();
    await until(() => task.state === 'running');
    task.fail(new Error('the consumer crashed'));
    expect(task.state).toBe('waiting');
    await until(() => starts === 2 && task.state === 'running');
    await task.stop();
  });

  it('stops retrying once stopped, and undoes an attempt that succeeds after', async () => {
    let release!: () => void;
    let stops = 0;
    const task = new BackgroundTask({
      name: 'relay to t',
      logger: recordingLogger(),
      start: () => new Promise<void>((resolve) => (release = resolve)),
      stop: async () => void stops++,
    });
    task.begin();
    const stopped = task.stop();
    release();
    await stopped;
    await until(() => stops === 2);
    expect(task.state).toBe('stopped');
  });
});
