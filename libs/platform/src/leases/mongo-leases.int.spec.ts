import { requireInfra } from '@helpdesk/test-infra';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { leaseContract } from './lease.contract';
import { MongoLeases } from './mongo-leases';

const connections: Connection[] = [];
const dbName = `leases_${randomUUID().slice(0, 8)}`;
afterAll(async () => {
  await connections[0]?.dropDatabase();
  await Promise.all(connections.map((c) => c.close()));
});

leaseContract('MongoDB', () => ({
  // Each holder on its own connection, as each replica has.
  open: async () => {
    const connection = await mongoose.createConnection(requireInfra('MONGO_URL'), { dbName }).asPromise();
    connections.push(connection);
    return new MongoLeases(connection);
  },
  // A dead holder's document stays until it expires: nothing frees it sooner.
  kill: async () => undefined,
  // As if the holder had stalled past its TTL and another had taken the lease, and let it lapse.
  takeAway: async (_holder, name) => {
    await connections[0]
      .collection('leases')
      .updateOne({ _id: name as never }, { $set: { holder: 'a-stalled-replica', expiresAt: new Date(0) } });
  },
  timing: { ttlMs: 1500, renewMs: 300 },
}));
