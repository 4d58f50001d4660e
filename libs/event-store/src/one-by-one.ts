// Multi-stream appends and reads for stores that have no statement for them (EventStoreDB writes
// one stream per call; the in-memory store needs none): the same answers, one stream at a time.
import type { AppendResult, EventStore, StoredEvent, StreamAppend } from './event-store';

export const appendOneByOne = async (
  store: Pick<EventStore, 'append'>,
  appends: StreamAppend[],
): Promise<AppendResult[]> => {
  checkDistinctStreams(appends);
  const results: AppendResult[] = [];
  for (const { streamId, events, expectedRevision } of appends)
    results.push(await store.append(streamId, events, { expectedRevision }));
  return results;
};

export const readOneByOne = (
  store: Pick<EventStore, 'readStream'>,
  streamIds: string[],
): Promise<StoredEvent[][]> => Promise.all(streamIds.map((id) => store.readStream(id)));

/** A stream twice in one call has no single expectation to check: refused before anything is written. */
export const checkDistinctStreams = (appends: StreamAppend[]) => {
  const seen = new Set<string>();
  for (const { streamId } of appends) {
    if (seen.has(streamId))
      throw new RangeError(
        `${streamId} appears twice in one appendToStreams: join its events into one append`,
      );
    seen.add(streamId);
  }
};
