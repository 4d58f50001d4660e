import { serviceSettingsChecks } from '../http/start-service';
import { ConfigError } from './config';
import { configurationProblems } from './settings-check';

describe('configurationProblems', () => {
  it('lists every problem of every part at once, each once', () => {
    const problems = configurationProblems(
      [
        () => {
          throw new ConfigError(['A is required']);
        },
        () => undefined,
        () => {
          throw new ConfigError(['B is invalid', 'A is required']);
        },
      ],
      'distributed',
    );
    expect(problems).toEqual(['A is required', 'B is invalid']);
  });

  it('gives each part the mode of the process', () => {
    const modes: string[] = [];
    configurationProblems([(_env, mode) => void modes.push(mode)], 'standalone', {});
    configurationProblems([(_env, mode) => void modes.push(mode)], 'standalone', { MODE: 'distributed' });
    expect(modes).toEqual(['standalone', 'distributed']);
  });

  it('throws what is not a configuration problem: a bug must not pass for a setting', () => {
    expect(() =>
      configurationProblems(
        [
          () => {
            throw new TypeError('boom');
          },
        ],
        'standalone',
      ),
    ).toThrow(TypeError);
  });

  it("covers the platform's settings: listening, stores, tokens, readiness and shutdown", () => {
    const checks = serviceSettingsChecks({ defaultPort: 3001, defaultMode: 'distributed' });
    expect(
      configurationProblems(checks, 'distributed', {
        PORT: 'x',
        NODE_ENV: 'production',
        READY_MAX_LAG: '0',
        SHUTDOWN_GRACE_MS: 'soon',
      }),
    ).toEqual([
      'PORT="x" is invalid: expected a port number 0-65535 (HTTP port to listen on)',
      'ESDB_URL is required: the EventStoreDB event store (EVENT_STORE=eventstoredb)',
      'MONGO_URL is required: the MongoDB read store (READ_STORE=mongodb)',
      'KAFKA_BROKERS is required: the Kafka bootstrap brokers (EVENT_BUS=kafka)',
      'AUTH_JWT_SECRET or AUTH_JWKS_URL is required: how bearer tokens are verified',
      expect.stringMatching(/^READY_MAX_LAG="0" is invalid: expected a positive integer/),
      expect.stringMatching(/^SHUTDOWN_GRACE_MS="soon" is invalid: expected a positive integer/),
    ]);
  });
});
