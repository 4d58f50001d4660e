import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  createEmbeddedEventStore,
  createPostgresEventStore,
  type EventStore,
  EventStoreDbEventStore,
  withAggregateStateCache,
} from '@helpdesk/event-store';
import {
  type CheckpointStore,
  InMemoryCheckpointStore,
  InMemoryViewStore,
  type IndexSpec,
  MongoCheckpointStore,
  MongoViewStore,
  RecentFirstViewStore,
  type RecentWindow,
  type View,
  type ViewStore,
} from '@helpdesk/read-models';
import mongoose, { type Connection } from 'mongoose';
import { mkdirSync } from 'node:fs';
import { recordingWritePositions } from '../consistency/read-your-writes';
import { ReadinessRegistry } from '../health/readiness';
import { InMemoryLeases } from '../leases/in-memory-leases';
import type { Leases, LeaseTiming } from '../leases/lease';
import { loadLeaseTiming } from '../leases/lease.settings';
import { MongoLeases } from '../leases/mongo-leases';
import { PostgresAdvisoryLeases } from '../leases/postgres-advisory-leases';
import { loadRuntimeSettings, type Mode, type RuntimeSettings } from './runtime.settings';

export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_STORE = Symbol('READ_STORE');
export const RUNTIME_SETTINGS = Symbol('RUNTIME_SETTINGS');
export const LEASES = Symbol('LEASES');
export const LEASE_TIMING = Symbol('LEASE_TIMING');

/** Where projections keep their documents and checkpoints, whichever store runs. */
export interface ReadStore {
  /** `recent`: also keep the newest views by that field apart, for lists of the newest (MongoDB). */
  views<V extends View>(name: string, indexes?: IndexSpec[], recent?: RecentWindow): Promise<ViewStore<V>>;
  readonly checkpoints: CheckpointStore;
  /** The MongoDB connection in distributed mode (GridFS, processed-event ids). */
  readonly mongo?: Connection;
}

const openEventStore = async (settings: RuntimeSettings['eventStore']): Promise<EventStore> => {
  switch (settings.kind) {
    case 'pglite':
      mkdirSync(settings.dir, { recursive: true });
      return createEmbeddedEventStore(settings.dir);
    case 'postgres':
      return createPostgresEventStore(settings.url);
    case 'eventstoredb':
      return EventStoreDbEventStore.connect(settings.url);
  }
};

const openReadStore = async (settings: RuntimeSettings['readStore']): Promise<ReadStore> => {
  if (settings.kind === 'memory') {
    return {
      views: async <V extends View>(_name: string, indexes: IndexSpec[] = []) =>
        new InMemoryViewStore<V>(indexes),
      checkpoints: new InMemoryCheckpointStore(),
    };
  }
  const mongo = await mongoose.createConnection(settings.url, { serverSelectionTimeoutMS: 5000 }).asPromise();
  return {
    mongo,
    checkpoints: new MongoCheckpointStore(mongo),
    views: async <V extends View>(name: string, indexes: IndexSpec[] = [], recent?: RecentWindow) => {
      const store = recent
        ? new RecentFirstViewStore<V>(mongo, name, indexes, recent)
        : new MongoViewStore<V>(mongo, name, indexes);
      await store.ensureIndexes();
      return store;
    },
  };
};

/**
 * Where the replicas of a service agree who runs the work that must happen once: beside the
 * event store when it is PostgreSQL (a lock that frees with its holder's connection), else in
 * the shared read store (MongoDB, the read store of EventStoreDB deployments), else in memory
 * (standalone: one process, always the holder).
 */
const openLeases = (settings: RuntimeSettings, readStore: ReadStore, timing: LeaseTiming): Leases => {
  if (settings.eventStore.kind === 'postgres')
    return new PostgresAdvisoryLeases(settings.eventStore.url, timing.ttlMs);
  if (readStore.mongo) return new MongoLeases(readStore.mongo);
  return new InMemoryLeases();
};

/** Whether the read store is shared by the replicas (MongoDB), so one of them runs each projection. */
export const isSharedReadStore = (readStore: ReadStore) => readStore.mongo !== undefined;

/**
 * The adapters of this process, chosen in one place from configuration: the same handlers
 * and projections run on every combination.
 */
@Global()
@Module({})
export class RuntimeModule implements OnApplicationShutdown {
  private readonly logger = new Logger('Runtime');

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(RUNTIME_SETTINGS) settings: RuntimeSettings,
    @Inject(LEASES) private readonly leases: Leases,
    readiness: ReadinessRegistry,
  ) {
    this.logger.log(
      `mode ${settings.mode}: event store ${settings.eventStore.kind}, read store ${settings.readStore.kind}` +
        (settings.mode === 'standalone' ? `, data in ${settings.dataDir}` : ''),
    );
    readiness.register({ name: 'event-store', check: async () => void (await eventStore.headPosition()) });
    const mongo = readStore.mongo;
    if (mongo)
      readiness.register({ name: 'read-store', check: async () => void (await mongo.db!.admin().ping()) });
  }

  static forRoot(defaultMode: Mode): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        { provide: RUNTIME_SETTINGS, useFactory: () => loadRuntimeSettings(defaultMode) },
        {
          provide: EVENT_STORE,
          inject: [RUNTIME_SETTINGS],
          // Commands' appends are remembered per request: their answer names the write's position.
          // Every command handler of the process shares one cache of recent aggregate states.
          useFactory: async (s: RuntimeSettings) =>
            withAggregateStateCache(recordingWritePositions(await openEventStore(s.eventStore))),
        },
        {
          provide: READ_STORE,
          inject: [RUNTIME_SETTINGS],
          useFactory: (s: RuntimeSettings) => openReadStore(s.readStore),
        },
        { provide: LEASE_TIMING, useFactory: () => loadLeaseTiming() },
        {
          provide: LEASES,
          inject: [RUNTIME_SETTINGS, READ_STORE, LEASE_TIMING],
          useFactory: openLeases,
        },
      ],
      exports: [EVENT_STORE, READ_STORE, RUNTIME_SETTINGS, LEASES, LEASE_TIMING],
    };
  }

  async onApplicationShutdown() {
    await this.leases.close();
    await this.eventStore.close();
    await this.readStore.mongo?.close();
  }
}
