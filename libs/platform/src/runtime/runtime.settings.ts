import { join, resolve } from 'node:path';
import { ConfigError, loadConfig, parse } from '../config/config';

export type Mode = 'standalone' | 'distributed';

export interface RuntimeSettings {
  mode: Mode;
  dataDir: string;
  eventStore:
    | { kind: 'pglite'; dir: string }
    | { kind: 'postgres'; url: string }
    | { kind: 'eventstoredb'; url: string };
  readStore: { kind: 'memory' } | { kind: 'mongodb'; url: string };
  /** How events reach other services: read straight from the shared store, or over Kafka. */
  eventBus:
    | { kind: 'in-process' }
    | {
        kind: 'kafka';
        brokers: string[];
        partitions: number;
        retentionMs: number;
        groupPrefix: string;
        newGroupsStartAt: 'beginning' | 'now';
      };
  /**
   * Whether this process asks for leases and runs the work that happens once per deployment (the
   * relay, projections over a shared read store, the schedulers, mail-in). Off, it serves requests
   * and consumes its subscriptions only, and a sibling with it on does the rest.
   */
  backgroundWork: boolean;
}

/**
 * Which adapters run, from the environment. Standalone (`npm start`) needs nothing: embedded
 * PostgreSQL under DATA_DIR and read models in memory. Distributed mode names its servers,
 * and a missing one is reported with every other problem before anything starts.
 */
export const loadRuntimeSettings = (
  defaultMode: Mode,
  env: NodeJS.ProcessEnv = process.env,
): RuntimeSettings => {
  const base = loadConfig(
    {
      MODE: {
        description: 'standalone or distributed',
        default: defaultMode,
        parse: parse.oneOf('standalone', 'distributed'),
      },
      DATA_DIR: {
        description: 'folder for embedded data (standalone)',
        default: './data',
        parse: parse.string,
      },
      EVENT_STORE: {
        description: 'pglite (embedded), postgres or eventstoredb',
        default: (env.MODE ?? defaultMode) === 'standalone' ? 'pglite' : 'eventstoredb',
        parse: parse.oneOf('pglite', 'postgres', 'eventstoredb'),
      },
      READ_STORE: {
        description: 'memory or mongodb',
        default: (env.MODE ?? defaultMode) === 'standalone' ? 'memory' : 'mongodb',
        parse: parse.oneOf('memory', 'mongodb'),
      },
      EVENT_BUS: {
        description: 'in-process (one process, standalone) or kafka',
        default: (env.MODE ?? defaultMode) === 'standalone' ? 'in-process' : 'kafka',
        parse: parse.oneOf('in-process', 'kafka'),
      },
      TOPIC_PARTITIONS: {
        description: 'partitions of the topics this service creates',
        default: '6',
        parse: parse.positiveInt,
      },
      KAFKA_GROUP_PREFIX: {
        description:
          "prefix of this deployment's consumer groups, for environments that share a Kafka cluster",
        default: '',
        parse: parse.string,
      },
      KAFKA_NEW_GROUPS_START_AT: {
        description:
          'where a consumer group without offsets starts: beginning (replay the history) or now (only what comes next)',
        default: 'beginning',
        parse: parse.oneOf('beginning', 'now'),
      },
      TOPIC_RETENTION_MS: {
        description: 'retention of the topics this service creates; -1 keeps every event (replayable)',
        default: '-1',
        parse: parse.retention,
      },
      BACKGROUND_WORK: {
        description:
          'on: this replica may run the relay, shared projections, schedulers and mail-in; off: it serves requests and consumes only',
        default: 'on',
        parse: parse.oneOf('on', 'off'),
      },
    },
    env,
  );
  const problems: string[] = [];
  const need = (name: string, why: string, protocols: string[]) => {
    const value = env[name];
    if (!value) {
      problems.push(`${name} is required: ${why}`);
      return '';
    }
    try {
      return parse.url(...protocols)(value);
    } catch (error) {
      problems.push(`${name}=${JSON.stringify(value)} is invalid: ${(error as Error).message}`);
      return '';
    }
  };
  const dataDir = resolve(base.DATA_DIR);
  const eventStore: RuntimeSettings['eventStore'] =
    base.EVENT_STORE === 'pglite'
      ? { kind: 'pglite', dir: join(dataDir, 'event-store') }
      : base.EVENT_STORE === 'postgres'
        ? {
            kind: 'postgres',
            url: need('PG_URL', 'the PostgreSQL event store (EVENT_STORE=postgres)', [
              'postgres',
              'postgresql',
            ]),
          }
        : {
            kind: 'eventstoredb',
            url: need('ESDB_URL', 'the EventStoreDB event store (EVENT_STORE=eventstoredb)', [
              'esdb',
              'esdb+discover',
            ]),
          };
  const readStore: RuntimeSettings['readStore'] =
    base.READ_STORE === 'memory'
      ? { kind: 'memory' }
      : {
          kind: 'mongodb',
          url: need('MONGO_URL', 'the MongoDB read store (READ_STORE=mongodb)', ['mongodb', 'mongodb+srv']),
        };
  let eventBus: RuntimeSettings['eventBus'] = { kind: 'in-process' };
  if (base.EVENT_BUS === 'kafka') {
    const brokers = env.KAFKA_BROKERS;
    if (!brokers) problems.push('KAFKA_BROKERS is required: the Kafka bootstrap brokers (EVENT_BUS=kafka)');
    let list: string[] = [];
    try {
      list = brokers ? parse.hostPorts(brokers) : [];
    } catch (error) {
      problems.push(`KAFKA_BROKERS=${JSON.stringify(brokers)} is invalid: ${(error as Error).message}`);
    }
    eventBus = {
      kind: 'kafka',
      brokers: list,
      partitions: base.TOPIC_PARTITIONS,
      retentionMs: base.TOPIC_RETENTION_MS,
      groupPrefix: base.KAFKA_GROUP_PREFIX,
      newGroupsStartAt: base.KAFKA_NEW_GROUPS_START_AT,
    };
  }
  // Off needs a sibling to do the work, and siblings agree on it only in a store they share.
  if (base.BACKGROUND_WORK === 'off' && eventStore.kind !== 'postgres' && readStore.kind !== 'mongodb')
    problems.push(
      'BACKGROUND_WORK=off needs replicas that share their leases (EVENT_STORE=postgres or READ_STORE=mongodb): alone, no process would run the relay, the schedulers or mail-in',
    );
  if (problems.length > 0) throw new ConfigError(problems);
  const backgroundWork = base.BACKGROUND_WORK === 'on';
  return { mode: base.MODE, dataDir, eventStore, readStore, eventBus, backgroundWork };
};
