import { eventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

// No registry reachable from our machines ships an EventStoreDB server (it comes as Docker
// images or vendor packages), so this suite runs only where ESDB_URL points at one, e.g.
// `docker run -p 2113:2113 eventstore/eventstore:24.10 --insecure --mem-db` and
// ESDB_URL=esdb://127.0.0.1:2113?tls=false. Everywhere else it reports itself skipped.
const url = process.env.ESDB_URL;
if (!url) {
  // Straight to stderr: jest swallows console output of a suite whose tests are all skipped.
  process.stderr.write(
    'SKIPPED: EventStoreDB event store contract suite. ESDB_URL is not set and no EventStoreDB server can run on this machine; set ESDB_URL to run it.\n',
  );
}
(url ? describe : describe.skip)('EventStoreDB', () =>
  eventStoreContract('EventStoreDB', async () => EventStoreDbEventStore.connect(url!)),
);
