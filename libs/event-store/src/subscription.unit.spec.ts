import type { ReadAllOptions, StoredEvent } from './event-store';
import { AppendSignal, sharedReads } from './subscription';

describe('sharedReads', () => {
  const counting = () => {
    const asked: ReadAllOptions[] = [];
    const release: Array<() => void> = [];
    const readAll = (options: ReadAllOptions) => {
      asked.push(options);
      return new Promise<StoredEvent[]>((resolve) => release.push(() => resolve([])));
    };
    return { asked, release, readAll };
  };

  it('answers followers asking the same at once with one read', async () => {
    const { asked, release, readAll } = counting();
    const read = sharedReads(readAll, new AppendSignal());
    const both = Promise.all([
      read({ fromPosition: 7n, limit: 500 }),
      read({ fromPosition: 7n, limit: 500 }),
    ]);
    release.forEach((r) => r());
    await both;
    expect(asked).toHaveLength(1);
  });

  it('reads again for a follower elsewhere in the log, or asking after an append', async () => {
    const { asked, release, readAll } = counting();
    const appends = new AppendSignal();
    const read = sharedReads(readAll, appends);
    const first = read({ fromPosition: 7n, limit: 500 });
    const elsewhere = read({ fromPosition: 3n, limit: 500 });
    appends.signal();
    const afterAppend = read({ fromPosition: 7n, limit: 500 });
    release.forEach((r) => r());
    await Promise.all([first, elsewhere, afterAppend]);
    expect(asked).toHaveLength(3);
  });
});
