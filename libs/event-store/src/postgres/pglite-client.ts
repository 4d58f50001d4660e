import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SqlClient } from './sql-client';

interface Reply {
  id?: number;
  rows?: string;
  error?: { message: string; code?: string; constraint?: string; detail?: string };
  ready?: true;
  failed?: Reply['error'];
}

/**
 * Embedded PostgreSQL (PGlite), persisting to `dataDir` ('memory://' keeps it in memory).
 *
 * PGlite runs on a worker thread of its own: its WASM executes each statement synchronously,
 * which would otherwise stall this thread's HTTP and Kafka work; the one thread is also the one
 * session, serving statements strictly in order. And PGlite loads its WASM through `import()`,
 * which jest's CommonJS sandbox refuses without --experimental-vm-modules; the worker runs in
 * plain Node. Only one process may open a data directory at a time.
 */
export const pgliteClient = async (dataDir: string): Promise<SqlClient> => {
  const worker = new Worker(join(__dirname, 'pglite-session.worker.js'), { workerData: { dataDir } });
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let broken: Error | undefined;

  const failAll = (error: Error) => {
    broken ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  const started = new Promise<void>((resolve, reject) => {
    worker.on('message', (reply: Reply) => {
      if (reply.ready) return resolve();
      if (reply.failed) return reject(toError(reply.failed, `cannot open embedded PostgreSQL in ${dataDir}`));
      const waiting = pending.get(reply.id!);
      pending.delete(reply.id!);
      // An idle session must not keep the process alive; a statement in flight must.
      if (pending.size === 0) worker.unref();
      if (reply.error) waiting?.reject(toError(reply.error));
      else waiting?.resolve(JSON.parse(reply.rows!));
    });
    worker.on('error', (error) => (failAll(error), reject(error)));
    worker.on('exit', (code) => {
      const error = new Error(`embedded PostgreSQL session ended (exit code ${code})`);
      failAll(error);
      reject(error);
    });
  });

  const send = <Row>(message: { text?: string; params?: unknown[]; close?: true }) =>
    new Promise<Row[]>((resolve, reject) => {
      if (broken) return reject(broken);
      const id = nextId++;
      pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      worker.ref();
      worker.postMessage({ id, ...message });
    });

  try {
    await started;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  worker.unref();
  return {
    query: async <Row>(text: string, params?: unknown[]) => ({ rows: await send<Row>({ text, params }) }),
    close: async () => {
      if (!broken) await send({ close: true });
      broken ??= new Error('embedded PostgreSQL session is closed');
      await worker.terminate();
    },
  };
};

const toError = (described: NonNullable<Reply['error']>, context?: string) =>
  Object.assign(new Error(context ? `${context}: ${described.message}` : described.message), {
    code: described.code,
    constraint: described.constraint,
    detail: described.detail,
  });
