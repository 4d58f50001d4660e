import type { CloudEvent } from '@helpdesk/contracts';
import type { ConsumedEvent } from './consumed-event';
import { handleOnce } from './handle-once';
import { NotYetKnown } from './not-yet-known';
import { InMemoryProcessedEvents } from './processed-events';
import { backoffDelay, RetriesExhaustedError, withRetry } from './retry';

const message = (id: string): ConsumedEvent => ({
  event: { id, type: 'helpdesk.test.v1', data: {} } as CloudEvent,
  topic: 't',
  partition: 0,
  offset: '0',
});

describe('handleOnce', () => {
  it('gives a redelivered event no second effect', async () => {
    const effects: string[] = [];
    const handle = handleOnce(
      'group',
      new InMemoryProcessedEvents(),
      async (m) => void effects.push(m.event.id),
    );
    for (const id of ['a', 'b', 'a', 'b', 'c']) await handle(message(id));
    expect(effects).toEqual(['a', 'b', 'c']);
  });

  it('keeps consumer groups apart', async () => {
    const processed = new InMemoryProcessedEvents();
    const effects: string[] = [];
    await handleOnce('sla', processed, async () => void effects.push('sla'))(message('a'));
    await handleOnce(
      'notifications',
      processed,
      async () => void effects.push('notifications'),
    )(message('a'));
    expect(effects).toEqual(['sla', 'notifications']);
  });

  it('does not mark an event whose handler failed, so it is tried again', async () => {
    let calls = 0;
    const handle = handleOnce('group', new InMemoryProcessedEvents(), async () => {
      if (++calls === 1) throw new Error('database down');
    });
    await expect(handle(message('a'))).rejects.toThrow('database down');
    await handle(message('a'));
    expect(calls).toBe(2);
  });
});

describe('withRetry', () => {
  const policy = { attempts: 3, initialDelayMs: 100, maxDelayMs: 250 };
  const noWait = async () => undefined;

  it('returns the first success', async () => {
    let calls = 0;
    expect(
      await withRetry(policy, async () => (++calls < 3 ? Promise.reject(new Error('x')) : 'ok'), noWait),
    ).toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after the attempts, naming the last error', async () => {
    await expect(
      withRetry(policy, async () => Promise.reject(new Error('still down')), noWait),
    ).rejects.toEqual(new RetriesExhaustedError(3, new Error('still down')));
  });

  it('backs off exponentially up to the cap', () => {
    const always = () => 0.999999;
    expect([1, 2, 3, 4].map((n) => backoffDelay(policy, n, always))).toEqual([100, 200, 250, 250]);
  });
});

describe('withRetry and a message that waits for another topic', () => {
  it('does not retry a NotYetKnown: the parking lot waits for it, other keys meanwhile go on', async () => {
    let calls = 0;
    const waiting = withRetry({ attempts: 5, initialDelayMs: 1, maxDelayMs: 1 }, async () => {
      calls++;
      throw new NotYetKnown('ticket t-1');
    });
    await expect(waiting).rejects.toBeInstanceOf(NotYetKnown);
    expect(calls).toBe(1);
  });
});
