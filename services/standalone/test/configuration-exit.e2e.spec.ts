import { buildWorkspace, spawnService } from '@helpdesk/testing';

/**
 * A process with wrong settings stops at once with exit code 78 (EX_CONFIG) and one list of
 * every problem of every part (platform and service), as a JSON line like its logs, without a
 * stack trace and without the secrets it was given.
 */
describe('a process with wrong configuration', () => {
  beforeAll(() => buildWorkspace());

  const run = async (main: string, env: Record<string, string>) => {
    const child = spawnService(main, env);
    const exit = await child.exited;
    const lines = child.stdout.map((line) => JSON.parse(line));
    return { exit, lines, stderr: child.stderr(), text: child.stdout.join('\n') + child.stderr() };
  };

  it('tickets without any settings says it needs ESDB_URL, MONGO_URL and KAFKA_BROKERS (the README example)', async () => {
    const { exit, lines, text } = await run('bundles/tickets.js', {});
    expect(exit).toBe(78);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 60, service: 'tickets' });
    expect(lines[0].problems).toEqual([
      'ESDB_URL is required: the EventStoreDB event store (EVENT_STORE=eventstoredb)',
      'MONGO_URL is required: the MongoDB read store (READ_STORE=mongodb)',
      'KAFKA_BROKERS is required: the Kafka bootstrap brokers (EVENT_BUS=kafka)',
    ]);
    expect(text).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('lists the problems of the platform and of every service part at once, with no secret', async () => {
    const { exit, lines, text } = await run('bundles/standalone.js', {
      MODE: 'distributed',
      EVENT_STORE: 'postgres',
      PG_URL: 'mysql://desk:pg-secret-1@db/desk',
      MONGO_URL: 'mongodb://127.0.0.1:1/desk',
      KAFKA_BROKERS: '127.0.0.1:1',
      SMTP_URL: 'http://mailer:smtp-secret-2@mail.example.com',
      SLA_TICK_MS: 'often',
      RELEASE_TRAIN_HORIZON: '99',
      READY_MAX_LAG: '-1',
      PORT: '70000',
    });
    expect(exit).toBe(78);
    expect(lines).toHaveLength(1);
    const problems: string[] = lines[0].problems;
    expect(problems.map((p) => p.split(/[= ]/)[0])).toEqual([
      'PORT',
      'PG_URL',
      'READY_MAX_LAG',
      'SLA_TICK_MS',
      'SMTP_URL',
      'RELEASE_TRAIN_HORIZON',
      // The portal, part of this process too: distributed, it signs in by OIDC and needs its URLs.
      'PORTAL_API_URL',
      'PORTAL_URL',
      'PORTAL_SESSION_SECRET',
      'PORTAL_OIDC_ISSUER',
      'PORTAL_OIDC_CLIENT_ID',
    ]);
    expect(problems).toContain(
      'PG_URL="mysql://desk:[redacted]@db/desk" is invalid: expected a postgres or postgresql URL',
    );
    expect(text).not.toContain('pg-secret-1');
    expect(text).not.toContain('smtp-secret-2');
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('the contacts service refuses a retention period that is not a whole number of days, naming it', async () => {
    const { exit, lines } = await run('bundles/contacts.js', {
      EVENT_STORE: 'postgres',
      PG_URL: 'postgres://127.0.0.1:1/desk',
      MONGO_URL: 'mongodb://127.0.0.1:1/desk',
      KAFKA_BROKERS: '127.0.0.1:1',
      PERSONAL_DATA_RETENTION_DAYS: '30 days',
    });
    expect(exit).toBe(78);
    expect(lines).toHaveLength(1);
    expect(lines[0].problems).toEqual([
      expect.stringMatching(
        /^PERSONAL_DATA_RETENTION_DAYS="30 days" is invalid: expected a positive integer/,
      ),
    ]);
  });

  it('a setting only a provider checks (the mail transport of notifications) is in the list too', async () => {
    const { exit, lines } = await run('bundles/notifications.js', {
      EVENT_STORE: 'postgres',
      PG_URL: 'postgres://127.0.0.1:1/desk',
      MONGO_URL: 'mongodb://127.0.0.1:1/desk',
      KAFKA_BROKERS: '127.0.0.1:1',
      MAIL_TRANSPORT: 'pigeon',
      DELIVERY_MAX_ATTEMPTS: '0',
    });
    expect(exit).toBe(78);
    expect(lines[0].problems).toEqual([
      expect.stringMatching(/^MAIL_TRANSPORT="pigeon" is invalid: expected one of smtp, outbox/),
      expect.stringMatching(/^DELIVERY_MAX_ATTEMPTS="0" is invalid: expected a positive integer/),
    ]);
  });

  it('in production a missing or short personal-data master key stops it, naming the setting, never its value', async () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
      EVENT_STORE: 'postgres',
      PG_URL: 'postgres://127.0.0.1:1/desk',
      MONGO_URL: 'mongodb://127.0.0.1:1/desk',
      KAFKA_BROKERS: '127.0.0.1:1',
    };
    const missing = await run('bundles/contacts.js', production);
    expect(missing.exit).toBe(78);
    expect(missing.lines[0].problems).toEqual([
      expect.stringMatching(/^PERSONAL_DATA_MASTER_KEY is required/),
    ]);
    const short = await run('bundles/contacts.js', {
      ...production,
      PERSONAL_DATA_MASTER_KEY: 'short-master-secret',
    });
    expect(short.exit).toBe(78);
    expect(short.lines[0].problems).toEqual([
      expect.stringMatching(/^PERSONAL_DATA_MASTER_KEY is invalid: expected 32 random bytes/),
    ]);
    expect(short.text).not.toContain('short-master-secret');
  });
});
