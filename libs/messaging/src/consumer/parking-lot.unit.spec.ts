import { NotYetKnown } from './not-yet-known';
import { ParkingLot } from './parking-lot';

interface Message {
  key: string;
  offset: number;
  needs?: string;
}

/** A handler that knows only what `known` holds, and what happened, in order. */
const desk = (maxMs = 10_000) => {
  const known = new Set<string>();
  const handled: number[] = [];
  const deadLetters: Array<{ offset: number; reason: string }> = [];
  const lot = new ParkingLot<Message>({
    policy: { maxMs, retryInitialMs: 2, retryMaxMs: 10 },
    handle: async (m) => {
      if (m.needs && !known.has(m.needs)) throw new NotYetKnown(m.needs);
      handled.push(m.offset);
    },
    giveUp: async (m, reason) => void deadLetters.push({ offset: m.offset, reason }),
    sizeOf: (m) => 100 + m.offset,
  });
  const offer = (m: Message) => lot.offer(m.key, m);
  return { known, handled, deadLetters, lot, offer };
};

const until = async (condition: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

describe('the parking lot', () => {
  it('handles what it can place at once', async () => {
    const { handled, lot, offer } = desk();
    await offer({ key: 'a', offset: 1 });
    expect(handled).toEqual([1]);
    expect(lot.size).toBe(0);
  });

  it('parks a message that needs what is not known yet, and handles it once it arrives', async () => {
    const { known, handled, lot, offer } = desk();
    await offer({ key: 'a', offset: 1, needs: 'ticket-1' });
    expect(handled).toEqual([]);
    expect(lot.oldest()).toEqual({ key: 'a', offset: 1, needs: 'ticket-1' });
    known.add('ticket-1');
    await until(() => handled.length === 1);
    expect(handled).toEqual([1]);
    expect(lot.oldest()).toBeUndefined();
  });

  it('keeps later messages of the same key behind the parked one; other keys go on', async () => {
    const { known, handled, lot, offer } = desk();
    await offer({ key: 'a', offset: 1, needs: 'ticket-1' });
    await offer({ key: 'a', offset: 2 });
    await offer({ key: 'b', offset: 3 });
    expect(handled).toEqual([3]);
    expect(lot.size).toBe(2);
    known.add('ticket-1');
    await until(() => handled.length === 3);
    expect(handled).toEqual([3, 1, 2]);
  });

  it('dead-letters, with the reason, a message whose dependency did not come in time, then goes on', async () => {
    const { handled, deadLetters, offer } = desk(30);
    await offer({ key: 'a', offset: 1, needs: 'ticket-9' });
    await offer({ key: 'a', offset: 2 });
    await until(() => handled.length === 1);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0].offset).toBe(1);
    expect(deadLetters[0].reason).toMatch(/^ticket-9 still not known after \d+ ms \(PARK_MAX_MS 30\)$/);
    expect(handled).toEqual([2]);
  });

  it('names the oldest parked message across keys: the point a transport commits up to', async () => {
    const { known, lot, offer } = desk();
    await offer({ key: 'a', offset: 1, needs: 'x' });
    await offer({ key: 'b', offset: 2, needs: 'y' });
    expect(lot.oldest()?.offset).toBe(1);
    known.add('x');
    await until(() => lot.size === 1);
    expect(lot.oldest()?.offset).toBe(2);
    lot.close();
  });

  it('counts the bytes it holds, parked and behind, and gives them back as messages leave', async () => {
    const { known, lot, offer } = desk();
    await offer({ key: 'a', offset: 1, needs: 'x' });
    await offer({ key: 'a', offset: 2 });
    await offer({ key: 'b', offset: 3, needs: 'y' });
    await offer({ key: 'c', offset: 4 });
    expect(lot.bytes).toBe(101 + 102 + 103);
    known.add('x');
    await until(() => lot.size === 1);
    expect(lot.bytes).toBe(103);
    lot.clear();
    expect(lot.bytes).toBe(0);
  });

  it('leaves other failures to the caller', async () => {
    const lot = new ParkingLot<Message>({
      policy: { maxMs: 10, retryInitialMs: 1, retryMaxMs: 1 },
      handle: async () => {
        throw new Error('database down');
      },
      giveUp: async () => undefined,
    });
    await expect(lot.offer('a', { key: 'a', offset: 1 })).rejects.toThrow('database down');
    expect(lot.size).toBe(0);
  });
});
