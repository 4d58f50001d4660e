import mongoose, { type Connection } from 'mongoose';

/**
 * Reads every projection checkpoint of the given read stores as often as it can while the test
 * runs, and counts each time one was lower than the time before: a checkpoint moved backwards.
 */
export const watchCheckpoints = async (mongoUrls: string[], everyMs = 200) => {
  const connections: Connection[] = await Promise.all(
    mongoUrls.map((url) => mongoose.createConnection(url).asPromise()),
  );
  const last = new Map<string, bigint>();
  const backward: string[] = [];
  let reads = 0;
  let watching = true;
  const done = (async () => {
    while (watching) {
      for (const [index, connection] of connections.entries()) {
        const stored = await connection
          .collection<{ _id: string; position: string }>('projection_checkpoints')
          .find({})
          .toArray()
          .catch(() => []);
        for (const { _id, position } of stored) {
          const name = `${index}/${_id}`;
          const now = BigInt(position);
          const before = last.get(name);
          if (before !== undefined && now < before) backward.push(`${name}: ${before} -> ${now}`);
          last.set(name, now);
        }
      }
      reads++;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      watching = false;
      await done;
      await Promise.all(connections.map((c) => c.close()));
      return { backward, reads, checkpoints: last.size };
    },
  };
};
