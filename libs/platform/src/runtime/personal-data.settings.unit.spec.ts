import { ConfigError } from '../config/config';
import { DEVELOPMENT_MASTER_KEY, loadPersonalDataSettings } from './personal-data.settings';

const pglite = { eventStore: { kind: 'pglite' as const, dir: '/tmp/x' } };
const postgres = { eventStore: { kind: 'postgres' as const, url: 'postgres://desk@127.0.0.1:5432/desk' } };
const esdb = { eventStore: { kind: 'eventstoredb' as const, url: 'esdb://127.0.0.1:2113' } };
const problemsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('personal-data settings', () => {
  it('embeds the key table and a development master key in standalone', () => {
    const settings = loadPersonalDataSettings(pglite, {});
    expect(settings.keys).toEqual({ kind: 'embedded' });
    expect(settings.masterKey).toEqual(Buffer.from(DEVELOPMENT_MASTER_KEY, 'base64'));
  });

  it('keeps the keys beside a PostgreSQL event store unless told otherwise', () => {
    const key = Buffer.alloc(32, 1).toString('hex');
    expect(loadPersonalDataSettings(postgres, { PERSONAL_DATA_MASTER_KEY: key }).keys).toEqual({
      kind: 'postgres',
      url: postgres.eventStore.url,
    });
    expect(
      loadPersonalDataSettings(esdb, {
        PERSONAL_DATA_MASTER_KEY: key,
        PERSONAL_DATA_KEYS_URL: 'postgres://k/keys',
      }).keys,
    ).toEqual({ kind: 'postgres', url: 'postgres://k/keys' });
  });

  it('in production requires the master key, refuses a short one without echoing it, and needs a key table for EventStoreDB', () => {
    expect(problemsOf(() => loadPersonalDataSettings(pglite, { NODE_ENV: 'production' }))).toEqual([
      expect.stringMatching(/^PERSONAL_DATA_MASTER_KEY is required/),
    ]);
    const short = problemsOf(() =>
      loadPersonalDataSettings(esdb, { PERSONAL_DATA_MASTER_KEY: 'sekrit-but-short' }),
    );
    expect(short).toEqual([
      expect.stringMatching(/^PERSONAL_DATA_MASTER_KEY is invalid: expected 32 random bytes/),
      expect.stringMatching(/^PERSONAL_DATA_KEYS_URL is required/),
    ]);
    expect(short.join()).not.toContain('sekrit');
    expect(
      problemsOf(() =>
        loadPersonalDataSettings(postgres, {
          PERSONAL_DATA_MASTER_KEY: DEVELOPMENT_MASTER_KEY,
          PERSONAL_DATA_KEYS_URL: 'http://x',
        }),
      ),
    ).toEqual([expect.stringMatching(/^PERSONAL_DATA_KEYS_URL is invalid/)]);
  });
});
