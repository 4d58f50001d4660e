import { requireInfra } from '@helpdesk/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../contract/event-store.contract';
import { createEmbeddedEventStore, createPostgresEventStore } from './create';

eventStoreContract('PostgreSQL server', () =>
  createPostgresEventStore(requireInfra('PG_URL'), { poolSize: 20 }),
);

let directory: string;
beforeAll(async () => (directory = await mkdtemp(join(tmpdir(), 'pglite-'))));
afterAll(() => rm(directory, { recursive: true, force: true }));
eventStoreContract('embedded PostgreSQL (PGlite)', () => createEmbeddedEventStore(directory));
