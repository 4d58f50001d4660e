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
    });
  });

  it('name every missing server of distributed mode at once', () => {
    expect(() => loadRuntimeSettings('distributed', {})).toThrow(
      new ConfigError([
        'ESDB_URL is required: the EventStoreDB event store (EVENT_STORE=eventstoredb)',
        'MONGO_URL is required: the MongoDB read store (READ_STORE=mongodb)',
      ]),
    );
  });

  it('refuse a URL of the wrong kind', () => {
    expect(() =>
      loadRuntimeSettings('distributed', {
        EVENT_STORE: 'postgres',
        PG_URL: 'mongodb://x',
        MONGO_URL: 'mongodb://m',
      }),
    ).toThrow(/PG_URL="mongodb:\/\/x" is invalid: expected a postgres or postgresql URL/);
  });

  it('take PostgreSQL as the event store when asked', () => {
    const settings = loadRuntimeSettings('distributed', {
      EVENT_STORE: 'postgres',
      PG_URL: 'postgres://db/helpdesk',
      MONGO_URL: 'mongodb://m/helpdesk',
    });
    expect(settings.eventStore).toEqual({ kind: 'postgres', url: 'postgres://db/helpdesk' });
    expect(settings.readStore).toEqual({ kind: 'mongodb', url: 'mongodb://m/helpdesk' });
  });
});
