import { requireInfra } from '@helpdesk/testing';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { viewStoreContract, type TicketLike } from '../contract/view-store.contract';
import { MongoCheckpointStore, MongoViewStore } from './mongo.store';

let connection: Connection;
beforeAll(async () => {
  connection = await mongoose
    .createConnection(requireInfra('MONGO_URL'), { dbName: `read_models_${randomUUID().slice(0, 8)}` })
    .asPromise();
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

viewStoreContract('MongoDB', async () => {
  const store = new MongoViewStore<TicketLike>(connection, 'tickets', [{ organisationId: 1, updatedAt: -1 }]);
  await store.ensureIndexes();
  return store;
});

describe('MongoDB checkpoints', () => {
  it('remembers a position beyond 2^53 exactly, and forgets it on clear', async () => {
    const checkpoints = new MongoCheckpointStore(connection);
    const far = 2n ** 60n + 7n;
    await checkpoints.save('tickets', far);
    expect(await checkpoints.load('tickets')).toBe(far);
    await checkpoints.clear('tickets');
    expect(await checkpoints.load('tickets')).toBeUndefined();
  });
});
