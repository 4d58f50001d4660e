import { requireInfra } from '@helpdesk/testing';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { checkpointStoreContract } from '../contract/checkpoint-store.contract';
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

checkpointStoreContract('MongoDB', async () => new MongoCheckpointStore(connection));

describe('MongoDB checkpoints saved before they were stored comparably', () => {
  it('move on from the old record', async () => {
    await connection
      .collection('projection_checkpoints')
      .insertOne({ _id: 'legacy', position: '40' } as never);
    const checkpoints = new MongoCheckpointStore(connection);
    expect(await checkpoints.save('legacy', 41n)).toBe(true);
    expect(await checkpoints.save('legacy', 40n)).toBe(false);
    expect(await checkpoints.load('legacy')).toBe(41n);
  });
});
