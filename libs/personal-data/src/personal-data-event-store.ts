import type {
  AppendOptions,
  EventStore,
  ExpectedRevision,
  NewEvent,
  StoredEvent,
  StreamAppend,
} from '@helpdesk/event-store';
import type { PersonalDataKeyStore } from './key-store';
import type { PersonalFieldsOf } from '@helpdesk/contracts';
import { openPersonalData, sealPersonalFields } from './personal-fields';

/**
 * The event store as the desk's own code sees it: personal fields are sealed on append (per the
 * contract's list of them per event type) and opened on every read, so deciders, projections,
 * queries and in-process consumers handle clear values, or ERASED once a person's key is gone,
 * while the store itself only ever holds envelopes. The relay publishes from the store underneath
 * (through sealedForPublishing), so the topics carry the envelopes too.
 */
export const withPersonalData = (
  store: EventStore,
  keys: PersonalDataKeyStore,
  personalFieldsOf: (type: string) => PersonalFieldsOf | undefined,
): EventStore => {
  const seal = async (event: NewEvent): Promise<NewEvent> => {
    const fieldsOf = personalFieldsOf(event.type);
    return fieldsOf
      ? { ...event, data: await sealPersonalFields(keys, fieldsOf(event.data), event.data) }
      : event;
  };
  const open = (events: StoredEvent[]) => openPersonalData(keys, events);
  const openShared = openedOnce(open);
  return {
    ...withoutReads(store),
    append: (async (streamId: string, events: NewEvent[], options: AppendOptions | ExpectedRevision) =>
      store.append(
        streamId,
        await Promise.all(events.map(seal)),
        options as AppendOptions,
      )) as EventStore['append'],
    appendToStreams: async (appends) =>
      store.appendToStreams(
        await Promise.all(
          appends.map(async (a) => ({ ...a, events: await Promise.all(a.events.map(seal)) })),
        ),
      ),
    readStream: async (streamId, options) => open(await store.readStream(streamId, options)),
    readStreams: async (streamIds) => regroup(await store.readStreams(streamIds), open),
    readAll: async (options) => openShared(await store.readAll(options)),
    subscribeToAll: (options) =>
      store.subscribeToAll(
        options.onBatch
          ? { ...options, onBatch: async (events) => options.onBatch(await openShared(events)) }
          : { ...options, onEvent: async (event) => options.onEvent((await openShared([event]))[0]) },
      ),
  };
};

/**
 * Followers at the head of the log are handed the same stored events at the same moment
 * (sharedReads, one query for all of them): an event asked for while it is being opened is not
 * opened again, so such a page costs one key look-up however many projections read it. Only
 * while the opening runs: a later read opens anew, so a key shredded since is never used.
 */
const openedOnce = (open: (events: StoredEvent[]) => Promise<StoredEvent[]>) => {
  const opening = new WeakMap<StoredEvent, Promise<StoredEvent>>();
  return (events: StoredEvent[]) => {
    const unopened = events.filter((event) => !opening.has(event));
    if (unopened.length > 0) {
      const opened = open(unopened);
      unopened.forEach((event, i) =>
        opening.set(
          event,
          opened.then((all) => all[i]),
        ),
      );
      const forget = () => unopened.forEach((event) => opening.delete(event));
      opened.then(forget, forget);
    }
    return Promise.all(events.map((event) => opening.get(event)!));
  };
};

/**
 * The store as the relay publishes it: what is stored sealed stays sealed, and events written
 * before sealing (version 1, clear values) are sealed on the way out (an erased person's legacy
 * values become ERASED), so the topics never carry a clear personal value, migrated or not.
 */
export const sealedForPublishing = (
  store: EventStore,
  keys: PersonalDataKeyStore,
  personalFieldsOf: (type: string) => PersonalFieldsOf | undefined,
): EventStore => {
  const seal = async (event: StoredEvent): Promise<StoredEvent> => {
    const fieldsOf = personalFieldsOf(event.type);
    if (!fieldsOf) return event;
    const data = await sealPersonalFields(keys, fieldsOf(event.data), event.data, {
      ofErasedSubject: 'erase',
    });
    return data === event.data ? event : { ...event, data };
  };
  const sealAll = (events: StoredEvent[]) => Promise.all(events.map(seal));
  return {
    ...withoutReads(store),
    readStream: async (streamId, options) => sealAll(await store.readStream(streamId, options)),
    readStreams: async (streamIds) => regroup(await store.readStreams(streamIds), sealAll),
    readAll: async (options) => sealAll(await store.readAll(options)),
    subscribeToAll: (options) =>
      store.subscribeToAll(
        options.onBatch
          ? { ...options, onBatch: async (events) => options.onBatch(await sealAll(events)) }
          : { ...options, onEvent: async (event) => options.onEvent(await seal(event)) },
      ),
  };
};

/** Several streams' events through one call of `each` (one batch of key look-ups), split again. */
const regroup = async (
  streams: StoredEvent[][],
  each: (events: StoredEvent[]) => Promise<StoredEvent[]>,
): Promise<StoredEvent[][]> => {
  const all = await each(streams.flat());
  let at = 0;
  return streams.map((events) => all.slice(at, (at += events.length)));
};

const withoutReads = (store: EventStore) => ({
  append: store.append.bind(store) as EventStore['append'],
  appendToStreams: (appends: StreamAppend[]) => store.appendToStreams(appends),
  headPosition: () => store.headPosition(),
  ...(store.nextSequenceValue ? { nextSequenceValue: (name: string) => store.nextSequenceValue!(name) } : {}),
  close: () => store.close(),
});
