import { InMemoryEventStore } from '@helpdesk/event-store';
import { contactSubject, ERASED } from './envelope';
import { InMemoryKeyStore } from './in-memory-key-store';
import { sealedForPublishing, withPersonalData } from './personal-data-event-store';
import type { PersonalFieldsOf } from './personal-fields';

const contactAdded: PersonalFieldsOf = (data) => {
  const subject = contactSubject(String((data.contact as { id: string }).id));
  return [{ path: ['contact', 'name'], subject }];
};
const event = (name: string) => ({
  id: crypto.randomUUID(),
  type: 'ContactAdded',
  data: { contact: { id: 'c-1', name } },
  metadata: {},
});

const setUp = () => {
  const sealed = new InMemoryEventStore();
  const keys = new InMemoryKeyStore();
  const store = withPersonalData(sealed, keys, (type) =>
    type === 'ContactAdded' ? contactAdded : undefined,
  );
  return { sealed, keys, store };
};

describe('the event store with personal data', () => {
  it('stores envelopes and reads clear values, stream, log and subscription alike', async () => {
    const { sealed, store } = setUp();
    await store.append('organisation-1', [event('Bram Jansen')], { expectedRevision: 'no_stream' });
    expect(JSON.stringify((await sealed.readAll()).map((e) => e.data))).not.toContain('Bram');
    expect((await store.readStream('organisation-1'))[0].data).toEqual({
      contact: { id: 'c-1', name: 'Bram Jansen' },
    });
    expect((await store.readAll())[0].data).toEqual({ contact: { id: 'c-1', name: 'Bram Jansen' } });
    const seen: unknown[] = [];
    const subscription = store.subscribeToAll({
      onBatch: async (events) => void seen.push(...events.map((e) => e.data)),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await subscription.stop();
    expect(seen).toEqual([{ contact: { id: 'c-1', name: 'Bram Jansen' } }]);
  });

  it('reads ERASED after the key is shredded, and then appends no new personal data', async () => {
    const { keys, store } = setUp();
    await store.append('organisation-1', [event('Bram Jansen')], { expectedRevision: 'no_stream' });
    await keys.shred(contactSubject('c-1'));
    expect((await store.readStream('organisation-1'))[0].data).toEqual({
      contact: { id: 'c-1', name: ERASED },
    });
    await expect(
      store.append('organisation-1', [event('Bram again')], { expectedRevision: 0 }),
    ).rejects.toThrow(/erased/);
  });

  it('opens a page handed to several followers at once with one key look-up, and opens it anew later', async () => {
    const { sealed, keys, store: writer } = setUp();
    await writer.append('organisation-1', [event('Bram Jansen')], { expectedRevision: 'no_stream' });
    const sealedPage = await sealed.readAll();
    // As the PostgreSQL store's followers at the head are handed them: the very same stored events.
    const sharing = new Proxy(sealed, {
      get: (target, name) => (name === 'readAll' ? async () => sealedPage : Reflect.get(target, name)),
    });
    const store = withPersonalData(sharing, keys, () => contactAdded);
    const lookUps = jest.spyOn(keys, 'findKeys');
    const pages = await Promise.all([store.readAll(), store.readAll()]);
    expect(lookUps).toHaveBeenCalledTimes(1);
    expect(pages.map((page) => page[0].data)).toEqual([
      { contact: { id: 'c-1', name: 'Bram Jansen' } },
      { contact: { id: 'c-1', name: 'Bram Jansen' } },
    ]);
    await keys.shred(contactSubject('c-1'));
    expect((await store.readAll())[0].data).toEqual({ contact: { id: 'c-1', name: ERASED } });
    expect(lookUps).toHaveBeenCalledTimes(2);
  });
});

describe('the event store as the relay publishes it', () => {
  it("keeps sealed events sealed and seals legacy clear ones; an erased person's legacy values are ERASED", async () => {
    const { sealed, keys, store } = setUp();
    const publishing = sealedForPublishing(sealed, keys, () => contactAdded);
    await store.append('organisation-1', [event('Sealed Sam')], { expectedRevision: 'no_stream' });
    await sealed.append(
      'organisation-2',
      [{ ...event('Legacy Lea'), data: { contact: { id: 'c-2', name: 'Legacy Lea' } } }],
      {
        expectedRevision: 'no_stream',
      },
    );
    await sealed.append(
      'organisation-3',
      [{ ...event('Gone Gus'), data: { contact: { id: 'c-3', name: 'Gone Gus' } } }],
      {
        expectedRevision: 'no_stream',
      },
    );
    await keys.shred(contactSubject('c-3'));
    const published = await publishing.readAll();
    expect(JSON.stringify(published.map((e) => e.data))).not.toMatch(/Sam|Lea|Gus/);
    expect(published[0].data).toEqual((await sealed.readAll())[0].data);
    expect((published[1].data.contact as { name: object }).name).toMatchObject({
      pii: 1,
      subject: contactSubject('c-2'),
    });
    expect((published[2].data.contact as { name: string }).name).toBe(ERASED);
    expect((await store.readStream('organisation-2'))[0].data).toEqual({
      contact: { id: 'c-2', name: 'Legacy Lea' },
    });
  });
});
