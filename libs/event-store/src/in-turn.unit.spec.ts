import { InTurn } from './in-turn';

const later = () => {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('InTurn', () => {
  it('starts work for a key only once the work before it for that key has ended', async () => {
    const turns = new InTurn();
    const first = later();
    const started: string[] = [];
    const a = turns.run('t-1', async () => {
      started.push('a');
      await first.promise;
    });
    const b = turns.run('t-1', async () => {
      started.push('b');
    });
    await settle();
    expect(started).toEqual(['a']);
    first.resolve();
    await Promise.all([a, b]);
    expect(started).toEqual(['a', 'b']);
  });

  it('does not hold one key up for another', async () => {
    const turns = new InTurn();
    const never = later();
    void turns.run('t-1', () => never.promise);
    await expect(turns.run('t-2', async () => 'done')).resolves.toBe('done');
  });

  it('goes on after a failure, which stays the answer of the work that failed', async () => {
    const turns = new InTurn();
    const failing = turns.run('t-1', async () => {
      throw new Error('refused');
    });
    const next = turns.run('t-1', async () => 'next');
    await expect(failing).rejects.toThrow('refused');
    await expect(next).resolves.toBe('next');
  });

  it('keeps nothing for a key once its work has ended', async () => {
    const turns = new InTurn();
    await Promise.all([turns.run('t-1', async () => 1), turns.run('t-1', async () => 2)]);
    await settle();
    expect(turns.size).toBe(0);
  });
});
