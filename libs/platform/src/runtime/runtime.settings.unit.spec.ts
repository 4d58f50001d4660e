import { ConfigError } from '../config/config';
import { loadRuntimeSettings } from './runtime.settings';

describe('runtime settings', () => {
  it('need nothing in standalone mode: embedded PostgreSQL under DATA_DIR, read models in memory', () => {
    const settings = loadRuntimeSettings('standalone', { DATA_DIR: '/srv/desk' });
    expect(settings).toEqual({
      mode: 'standalone',
      dataDir: '/srv/desk',
      eventStore: { kind: 'pglite', dir: '/srv/desk/event-store' },
      readStore: { kind: 'memory' },
      eventBus: { kind: 'in-process' },
      backgroundWork: true,
    });
  });

  it('let a replica leave the background work to its siblings when they share PostgreSQL or MongoDB', () => {
    const shared = { MONGO_URL: 'mongodb://m/helpdesk', KAFKA_BROKERS: 'k:9092', BACKGROUND_WORK: 'off' };
    expect(
      loadRuntimeSettings('distributed', {
        ...shared,
        EVENT_STORE: 'postgres',
        PG_URL: 'postgres://db/h',
        READ_STORE: 'memory',
      }).backgroundWork,
    ).toBe(false);
    expect(
      loadRuntimeSettings('distributed', {
        ...shared,
        EVENT_STORE: 'eventstoredb',
        ESDB_URL: 'esdb://e:2113',
      }).backgroundWork,
    ).toBe(false);
  });

  it('refuse background work off where no sibling could take it over', () => {
    expect(() => loadRuntimeSettings('standalone', { BACKGROUND_WORK: 'off' })).toThrow(
      /BACKGROUND_WORK=off needs replicas that share their leases/,
    );
    expect(() => loadRuntimeSettings('standalone', { BACKGROUND_WORK: 'later' })).toThrow(
      /BACKGROUND_WORK="later" is invalid: expected one of on, off/,
    );
  });

  it('name every missing server of distributed mode at once', () => {
    expect(() => loadRuntimeSettings('distributed', {})).toThrow(
      new ConfigError([
        'ESDB_URL is required: the EventStoreDB event store (EVENT_STORE=eventstoredb)',
        'MONGO_URL is required: the MongoDB read store (READ_STORE=mongodb)',
        'KAFKA_BROKERS is required: the Kafka bootstrap brokers (EVENT_BUS=kafka)',
      ]),
    );
  });

  it('refuse a URL of the wrong kind', () => {
    expect(() =>
      loadRuntimeSettings('distributed', {
        EVENT_STORE: 'postgres',
        PG_URL: 'mongodb://x',
        MONGO_URL: 'mongodb://m',
        KAFKA_BROKERS: 'k:9092',
      }),
    ).toThrow(/PG_URL="mongodb:\/\/x" is invalid: expected a postgres or postgresql URL/);
  });

  it('take PostgreSQL as the event store when asked', () => {
    const settings = loadRuntimeSettings('distributed', {
      EVENT_STORE: 'postgres',
      PG_URL: 'postgres://db/helpdesk',
      MONGO_URL: 'mongodb://m/helpdesk',
      KAFKA_BROKERS: 'k:9092',
    });
    expect(settings.eventStore).toEqual({ kind: 'postgres', url: 'postgres://db/helpdesk' });
    expect(settings.readStore).toEqual({ kind: 'mongodb', url: 'mongodb://m/helpdesk' });
  });

  it('publish over Kafka in distributed mode, with the topic settings asked for', () => {
    const settings = loadRuntimeSettings('distributed', {
      EVENT_STORE: 'postgres',
      PG_URL: 'postgres://db/helpdesk',
      MONGO_URL: 'mongodb://m/helpdesk',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      TOPIC_PARTITIONS: '12',
      TOPIC_RETENTION_MS: '604800000',
      KAFKA_GROUP_PREFIX: 'staging.',
    });
    expect(settings.eventBus).toEqual({
      kind: 'kafka',
      brokers: ['k1:9092', 'k2:9092'],
      partitions: 12,
      retentionMs: 604800000,
      groupPrefix: 'staging.',
      newGroupsStartAt: 'beginning',
    });
  });

  it('refuse broker lists and retention it cannot use', () => {
    const env = {
      EVENT_STORE: 'postgres',
      PG_URL: 'postgres://db/helpdesk',
      MONGO_URL: 'mongodb://m/helpdesk',
    };
    expect(() => loadRuntimeSettings('distributed', { ...env, KAFKA_BROKERS: 'kafka' })).toThrow(
      /KAFKA_BROKERS="kafka" is invalid: "kafka" is not host:port/,
    );
    expect(() =>
      loadRuntimeSettings('distributed', { ...env, KAFKA_BROKERS: 'k:9092', TOPIC_RETENTION_MS: '0' }),
    ).toThrow(/TOPIC_RETENTION_MS.*expected milliseconds, or -1 to keep forever/);
  });
});
