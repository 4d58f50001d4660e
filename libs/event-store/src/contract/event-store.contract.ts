// One behaviour for every EventStore adapter: each adapter's spec runs this suite against a
// store of its own. Tests share the store, so each writes to fresh streams and looks only at
// those; none asserts how long anything took.
import type { EventStore } from '../event-store';
import { appendAndReadCases } from './append-and-read.cases';
import { concurrencyCases } from './concurrency.cases';
import { expectedRevisionCases } from './expected-revision.cases';
import { globalLogCases } from './global-log.cases';
import { multiStreamCases } from './multi-stream.cases';
import { subscriptionCases } from './subscription.cases';
import { uniqueEventIdCases } from './unique-event-ids.cases';

export interface ContractOptions {
  /** Whether the store refuses an event id used in another stream (EventStoreDB does not index ids). */
  eventIdsUniqueAcrossStreams?: boolean;
}

export const eventStoreContract = (
  name: string,
  makeStore: () => Promise<EventStore>,
  { eventIdsUniqueAcrossStreams = true }: ContractOptions = {},
) =>
  describe(`${name} event store`, () => {
    let store: EventStore | undefined;
    const current = () => {
      if (!store)
        throw new Error(`the ${name} event store could not be created (see the error of beforeAll)`);
      return store;
    };
    beforeAll(async () => {
      store = await makeStore();
    });
    afterAll(async () => {
      await store?.close();
    });

    appendAndReadCases(current);
    expectedRevisionCases(current);
    concurrencyCases(current);
    globalLogCases(current);
    multiStreamCases(current);
    subscriptionCases(current);
    if (eventIdsUniqueAcrossStreams) uniqueEventIdCases(current);
  });

export * from './test-events';
