// One embedded PostgreSQL (PGlite) session on a thread of its own; see pglite-client.ts for why.
// Plain CommonJS because it runs as it is, in plain Node, without a build step or test transform.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require('@electric-sql/pglite');

const session = PGlite.create(workerData.dataDir);

// PGlite is a single session: statements run strictly one after the other, in arrival order.
let previous = Promise.resolve();

const describe = (error) => ({
  message: error instanceof Error ? error.message : String(error),
  code: error && error.code,
  constraint: error && error.constraint,
  detail: error && error.detail,
});

// Rows cross as JSON text, so the receiving side builds them in its own realm (jest runs tests
// in a separate one) and nothing depends on structured-clone rules.
const asText = (_key, value) => (typeof value === 'bigint' ? value.toString() : value);

const run = async ({ id, text, params, close }) => {
  try {
    const db = await session;
    if (close) {
      await db.close();
      return { id, rows: '[]' };
    }
    const { rows } = await db.query(text, params);
    return { id, rows: JSON.stringify(rows, asText) };
  } catch (error) {
    return { id, error: describe(error) };
  }
};

parentPort.on('message', (message) => {
  previous = previous.then(() => run(message).then((reply) => parentPort.postMessage(reply)));
});

session.then(
  () => parentPort.postMessage({ ready: true }),
  (error) => parentPort.postMessage({ failed: describe(error) }),
);
