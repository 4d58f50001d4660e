import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../contract/event-store.contract';
import { collect, newEvent, newStreamId, of, until } from '../contract/test-events';
import { createEmbeddedEventStore } from './create';

const directories: string[] = [];
const newDirectory = async () => {
  const directory = await mkdtemp(join(tmpdir(), 'event-store-pglite-'));
  directories.push(directory);
  return directory;
};
afterAll(() => Promise.all(directories.map((d) => rm(d, { recursive: true, force: true }))));

eventStoreContract('embedded PostgreSQL (PGlite)', async () =>
  createEmbeddedEventStore(await newDirectory()),
);

describe('embedded PostgreSQL (PGlite) in a directory', () => {
  it('keeps its events across a restart, and a subscriber resumes where it stopped', async () => {
    const directory = await newDirectory();
    const id = newStreamId();
    const before = await createEmbeddedEventStore(directory);
    await before.append(id, [newEvent('One'), newEvent('Two')], { expectedRevision: 'no_stream' });
    const first = collect(before);
    await until(() => of(first.received, id).length === 2, 'the first two events');
    await first.subscription.stop();
    await before.close();

    const after = await createEmbeddedEventStore(directory);
    try {
      expect((await after.readStream(id)).map((e) => e.type)).toEqual(['One', 'Two']);
      await after.append(id, [newEvent('Three')], { expectedRevision: 1 });
      const second = collect(after, first.received[first.received.length - 1].position);
      await until(() => of(second.received, id).length === 1, 'the event after the restart');
      await second.subscription.stop();
      expect(of(second.received, id).map((e) => e.type)).toEqual(['Three']);
    } finally {
      await after.close();
    }
  });

  it('says which directory it could not open', async () => {
    const notADirectory = join(await newDirectory(), 'file');
    await writeFile(notADirectory, 'not a database');
    await expect(createEmbeddedEventStore(notADirectory)).rejects.toThrow(notADirectory);
  });
});
