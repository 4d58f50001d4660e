import { requireInfra } from '@helpdesk/test-infra';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { MongoProcessedEvents } from './processed-events';

describe('MongoProcessedEvents', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await mongoose
      .createConnection(requireInfra('MONGO_URL'), { dbName: `processed_${randomUUID().slice(0, 8)}` })
      .asPromise();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('remembers handled event ids per consumer, across instances, and tolerates marking twice', async () => {
    const first = new MongoProcessedEvents(connection);
    await first.markProcessed('sla-monitor', 'event-1');
    await first.markProcessed('sla-monitor', 'event-1');
    const afterRestart = new MongoProcessedEvents(connection);
    expect(await afterRestart.wasProcessed('sla-monitor', 'event-1')).toBe(true);
    expect(await afterRestart.wasProcessed('notifications', 'event-1')).toBe(false);
    expect(await afterRestart.wasProcessed('sla-monitor', 'event-2')).toBe(false);
  });
});
