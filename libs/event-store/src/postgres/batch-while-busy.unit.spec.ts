import { batchWhileBusy } from './batch-while-busy';

/** A round trip the test ends by hand, recording what each one was asked. */
const manualRoundTrips = () => {
  const asked: number[][] = [];
  const pending: Array<() => void> = [];
  const run = (inputs: number[]) => {
    asked.push(inputs);
    return new Promise<number[]>((resolve) => pending.push(() => resolve(inputs.map((n) => n * 10))));
  };
  const finishNext = async () => {
    pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { asked, run, finishNext };
};

describe('batchWhileBusy', () => {
  it('sends an idle call at once and the calls that waited behind it together, each answered its own', async () => {
    const { asked, run, finishNext } = manualRoundTrips();
    const call = batchWhileBusy(run);
    const first = call(1);
    const waiting = [call(2), call(3), call(4)];
    expect(asked).toEqual([[1]]);
    await finishNext();
    expect(await first).toBe(10);
    expect(asked).toEqual([[1], [2, 3, 4]]);
    await finishNext();
    expect(await Promise.all(waiting)).toEqual([20, 30, 40]);
  });

  it('keeps up to maxInFlight round trips out and cuts batches at maxBatch', async () => {
    const { asked, run, finishNext } = manualRoundTrips();
    const call = batchWhileBusy(run, { maxInFlight: 2, maxBatch: 2 });
    const answers = [1, 2, 3, 4, 5, 6].map(call);
    expect(asked).toEqual([[1], [2]]);
    await finishNext();
    expect(asked).toEqual([[1], [2], [3, 4]]);
    await finishNext();
    await finishNext();
    await finishNext();
    expect(asked).toEqual([[1], [2], [3, 4], [5, 6]]);
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('fails every call of a failed batch, and goes on with the next', async () => {
    let fail = true;
    const call = batchWhileBusy(async (inputs: number[]) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (fail) throw new Error('connection ended');
      return inputs;
    });
    const failed = [call(1), call(2)];
    failed.forEach((p) => p.catch(() => undefined));
    await expect(failed[0]).rejects.toThrow('connection ended');
    await expect(failed[1]).rejects.toThrow('connection ended');
    fail = false;
    expect(await call(3)).toBe(3);
  });
});
