import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { personalFieldsOf } from '@helpdesk/contracts';
import {
  createPostgresEventStore,
  type EventStore,
  EventStoreDbEventStore,
  pgliteClient,
  poolClient,
  PostgresEventStore,
  withAggregateStateCache,
} from '@helpdesk/event-store';
import {
  type PersonalDataKeyStore,
  PostgresKeyStore,
  sealedForPublishing,
  withPersonalData,
} from '@helpdesk/personal-data';
import { Pool } from 'pg';
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
import { StandingByLeases } from '../leases/standing-by-leases';
import { loadPersonalDataSettings, type PersonalDataSettings } from './personal-data.settings';
import { loadRuntimeSettings, type Mode, type RuntimeSettings } from './runtime.settings';

/** The event store as the service's code reads and writes it: personal fields opened and sealed. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** The store as published: personal fields sealed, whatever version stored them (the relay). */
export const PUBLISHED_EVENT_STORE = Symbol('PUBLISHED_EVENT_STORE');
/** The personal-data key store (create, find, shred a person's key). */
export const PERSONAL_DATA_KEYS = Symbol('PERSONAL_DATA_KEYS');
const STORES = Symbol('STORES');
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

/** The event store as stored (envelopes) and the key store, which shares embedded PostgreSQL with it. */
interface Stores {
  sealed: EventStore;
  keys: PersonalDataKeyStore;
}

const openStores = async (
  settings: RuntimeSettings['eventStore'],
  personal: PersonalDataSettings,
): Promise<Stores> => {
  if (settings.kind === 'pglite') {
    // One process may open an embedded data directory once: the keys table lives beside the events.
    mkdirSync(settings.dir, { recursive: true });
    const db = await pgliteClient(settings.dir);
    try {
      const keys = await PostgresKeyStore.create(db, personal.masterKey);
      return { sealed: await PostgresEventStore.create(db), keys };
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  const sealed =
    settings.kind === 'postgres'
      ? await createPostgresEventStore(settings.url)
      : await EventStoreDbEventStore.connect(settings.url);
  if (personal.keys.kind !== 'postgres') throw new Error('the personal-data key table needs PostgreSQL');
  const pool = new Pool({ connectionString: personal.keys.url, max: 4 });
  pool.on('error', (error) =>
    console.error('personal-data keys: an idle PostgreSQL connection failed', error),
  );
  const keys = await PostgresKeyStore.create(poolClient(pool, { ownsPool: true }), personal.masterKey, {
    ownsClient: true,
  });
  return { sealed, keys };
};

const openReadStore = async (settings: RuntimeSettings['readStore']): Promise<ReadStore> => {
  if (settings.kind === 'memory') {
    return {
      // Lists sort newest first by the recent window's field: in memory, an index kept in that order.
      views: async <V extends View>(_name: string, indexes: IndexSpec[] = [], recent?: RecentWindow) =>
        new InMemoryViewStore<V>(recent ? [...indexes, { [recent.field]: -1 }] : indexes),
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
 * (standalone: one process, always the holder). A replica without background work asks for none.
 */
const openLeases = (settings: RuntimeSettings, readStore: ReadStore, timing: LeaseTiming): Leases => {
  if (!settings.backgroundWork) return new StandingByLeases();
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
    @Inject(PERSONAL_DATA_KEYS) private readonly personalDataKeys: PersonalDataKeyStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(RUNTIME_SETTINGS) settings: RuntimeSettings,
    @Inject(LEASES) private readonly leases: Leases,
    readiness: ReadinessRegistry,
  ) {
    this.logger.log(
      `mode ${settings.mode}: event store ${settings.eventStore.kind}, read store ${settings.readStore.kind}` +
        (settings.mode === 'standalone' ? `, data in ${settings.dataDir}` : '') +
        (settings.backgroundWork
          ? ''
          : '; background work off: a sibling replica runs the relay, shared projections, schedulers and mail-in'),
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
          provide: STORES,
          inject: [RUNTIME_SETTINGS],
          useFactory: (s: RuntimeSettings) => openStores(s.eventStore, loadPersonalDataSettings(s)),
        },
        {
          provide: EVENT_STORE,
          inject: [STORES],
          // Commands' appends are remembered per request: their answer names the write's position.
          // Every command handler of the process shares one cache of recent aggregate states.
          useFactory: ({ sealed, keys }: Stores) =>
            withAggregateStateCache(
              recordingWritePositions(withPersonalData(sealed, keys, personalFieldsOf)),
            ),
        },
        {
          provide: PUBLISHED_EVENT_STORE,
          inject: [STORES],
          useFactory: ({ sealed, keys }: Stores) => sealedForPublishing(sealed, keys, personalFieldsOf),
        },
        { provide: PERSONAL_DATA_KEYS, inject: [STORES], useFactory: ({ keys }: Stores) => keys },
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
      exports: [
        EVENT_STORE,
        PUBLISHED_EVENT_STORE,
        PERSONAL_DATA_KEYS,
        READ_STORE,
        RUNTIME_SETTINGS,
        LEASES,
        LEASE_TIMING,
      ],
    };
  }

  async onApplicationShutdown() {
    await this.leases.close();
    await this.personalDataKeys.close();
    await this.eventStore.close();
    await this.readStore.mongo?.close();
  }
}
