// The classic trap of a PostgreSQL event store: positions come from a sequence taken before
// commit, so a later position can commit first. A subscriber must never skip the earlier one.
import { requireInfra } from '@helpdesk/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { collect, newEvent, until } from '../contract/event-store.contract';
import type { EventStore } from '../event-store';
import { createPostgresEventStore } from './create';

describe('PostgreSQL subscription with a transaction still in flight', () => {
  let store: EventStore;
  const slow = new Client({ connectionString: requireInfra('PG_URL') });
  beforeAll(async () => {
    store = await createPostgresEventStore(requireInfra('PG_URL'));
    await slow.connect();
  });
  afterAll(async () => {
    await slow.end();
    await store.close();
  });

  it('holds back a later commit until the earlier position commits, then delivers both in order', async () => {
    const [slowStream, fastStream] = [`slow-${randomUUID()}`, `fast-${randomUUID()}`];
    const head = await store.headPosition();
    const { received, subscription } = collect(store, head);
    const mine = () =>
      received.filter((e) => e.streamId === slowStream || e.streamId === fastStream).map((e) => e.type);

    await slow.query('begin');
    const { rows } = await slow.query(
      `insert into events (event_id, stream_id, revision, type, data, metadata)
       values ($1, $2, 0, 'Slow', '{}', '{}') returning position`,
      [randomUUID(), slowStream],
    );
    await store.append(fastStream, [newEvent('Fast')], 'no_stream');
    const [fast] = await store.readStream(fastStream);
    expect(BigInt(rows[0].position)).toBeLessThan(BigInt((await readRawPosition(fast.id)) ?? 0));

    // The fast event is committed, but delivering it now would let the slow one land behind the checkpoint.
    await new Promise((r) => setTimeout(r, 500));
    expect(mine()).toEqual([]);

    await slow.query('commit');
    await until(() => mine().length === 2, 'both events');
    expect(mine()).toEqual(['Slow', 'Fast']);
    await subscription.stop();
  });

  const readRawPosition = async (eventId: string) =>
    (await slow.query('select position from events where event_id = $1', [eventId])).rows[0]?.position as
      string | undefined;
});
