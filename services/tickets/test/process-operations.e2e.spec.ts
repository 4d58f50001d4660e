import {
  buildWorkspace,
  distributedTestSettings,
  freePort,
  requireInfra,
  seedOrganisations,
  type ServiceProcess,
  spawnService,
  startTestApp,
  TEST_JWT_SECRET,
  testToken,
} from '@helpdesk/testing';
import { TicketsOrganisationDirectory } from '../src/consumers/organisation-directory';
import { ticketsService } from '../src/tickets.service';
import { adminA, aTicket, organisations } from './people';

// The bundle, as the image and the chart run it (deploy/build/bundle.ts).
const MAIN = 'bundles/tickets.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type HealthReport = { status: string; info: any; error: any; details: any };
const healthOf = async (base: string) => (await (await fetch(`${base}/health/ready`)).json()) as HealthReport;

/**
 * The tickets service as its own process (`node dist/...`), the way Kubernetes runs it: it listens
 * whatever Kafka's state, tells the truth in its probes, logs no secret, and ends cleanly on SIGTERM.
 */
describe('the tickets process', () => {
  let settings: Record<string, string>;
  const secrets = {
    token: testToken(adminA),
    cookie: 'session-cookie-secret-7f3a',
    query: 'query-token-secret-91bc',
    password: 'pg-password-secret-42d1',
  };

  beforeAll(async () => {
    buildWorkspace();
    settings = await distributedTestSettings('process_operations');
    // Trust authentication ignores it; it is there to be kept out of the logs.
    const pg = new URL(settings.PG_URL);
    pg.password = secrets.password;
    settings.PG_URL = pg.toString();
    // Its directory of organisations, as the contacts service's events would have left it.
    const seeding = await startTestApp(ticketsService, settings);
    await seedOrganisations(seeding.app.get(TicketsOrganisationDirectory).views, organisations);
    await seeding.close();
  });

  const start = async (kafkaBrokers: string) => {
    const port = await freePort();
    const child = spawnService(MAIN, {
      ...settings,
      KAFKA_BROKERS: kafkaBrokers,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(port),
    });
    return { child, base: `http://127.0.0.1:${port}` };
  };

  const stop = async (child: ServiceProcess) => {
    child.child.kill('SIGTERM');
    const exit = await child.exited;
    if (exit !== 0) console.log(`exit ${exit}:\n${child.stdout.slice(-12).join('\n')}\n${child.stderr()}`);
    return exit;
  };

  const noSecretIn = (child: ServiceProcess) => {
    const everything = child.stdout.join('\n') + child.stderr();
    for (const secret of Object.values(secrets)) expect(everything).not.toContain(secret);
  };

  it('with Kafka down: listens at once, takes commands, is live but not ready naming kafka, and stops with 0', async () => {
    const closed = await freePort();
    const { child, base } = await start(`127.0.0.1:${closed}`);
    try {
      const listenedAfterMs = await child.answers('/health/live', base);
      const listening = child.stdout.map((l) => JSON.parse(l)).find((l) => /listening on/.test(l.msg));
      console.log(
        `tickets process with Kafka down: HTTP ${listenedAfterMs} ms after spawn; it listened ${listening.uptimeMs} ms after it began, ${listening.startMs} ms after Nest began`,
      );
      // Start-up itself waits for no broker. Loading the code before it is the machine's speed
      // (seconds here when seven jest runs share two CPUs), so it is reported, not asserted.
      expect(listening.startMs).toBeLessThan(3000);

      const registered = await fetch(`${base}/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secrets.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(aTicket),
      });
      expect(registered.status).toBe(201);

      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(503);
      const report = (await ready.json()) as HealthReport;
      expect(report.status).toBe('error');
      expect(report.error.kafka).toMatchObject({ status: 'down' });
      expect(report.error.kafka.error).toContain(`127.0.0.1:${closed}`);
      expect(report.details['event-store']).toEqual({ status: 'up' });
      expect(report.details['read-store']).toEqual({ status: 'up' });
      // Not yet published: the relay waits for the broker.
      expect(report.details.lag.relay['helpdesk.tickets.v1']).toBeGreaterThanOrEqual(1);
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      expect((await fetch(`${base}/health/started`)).status).toBe(200);

      // One line per state change, after kafkajs' own few retries.
      const deadline = Date.now() + 60000;
      while (!child.stdout.some((l) => /waits for Kafka/.test(l)) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const waiting = child.stdout.filter((l) => /waits for Kafka/.test(l));
      expect(waiting.length).toBeGreaterThan(0);
      expect(waiting.length).toBeLessThanOrEqual(4); // the relay and three consumer groups, once each
    } finally {
      expect(await stop(child)).toBe(0);
    }
    expect(child.stderr()).not.toMatch(/unhandled|UnhandledPromiseRejection/i);
    expect(child.stdout.some((l) => /shut down in \d+ ms/.test(l))).toBe(true);
    noSecretIn(child);
  });

  it('with Kafka up: turns ready, relays what was written meanwhile, and logs requests with their id and no secret', async () => {
    const { child, base } = await start(requireInfra('KAFKA_BROKERS'));
    try {
      await child.answers('/health/live', base);
      const readyAfterMs = await child.answers('/health/ready', base, 90000);
      console.log(`tickets process with Kafka up: ready after ${readyAfterMs} ms from spawn`);
      const report = await healthOf(base);
      expect(report.details.kafka).toMatchObject({ status: 'up' });
      // Its groups: the organisation directory, erasures (the mail log), SLA clocks, release fixes.
      expect(
        Object.keys(report.details.lag.consumer_group)
          .map((g) => g.split('.').pop())
          .sort(),
      ).toEqual(['directory', 'erasures', 'releases', 'sla']);

      // The ticket registered while Kafka was down is published now: the relay's lag drains to 0.
      const deadline = Date.now() + 30000;
      let relayLag: unknown;
      do {
        relayLag = (await healthOf(base)).details.lag.relay['helpdesk.tickets.v1'];
        if (relayLag !== 0) await new Promise((resolve) => setTimeout(resolve, 250));
      } while (relayLag !== 0 && Date.now() < deadline);
      expect(relayLag).toBe(0);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/helpdesk_lag\{kind="relay",name="helpdesk.tickets.v1"\} 0/);
      expect(metrics).toMatch(/helpdesk_lag\{kind="projection",name="ticket-views"\} \d+/);

      const listed = await fetch(`${base}/tickets?access_token=${secrets.query}`, {
        headers: {
          authorization: `Bearer ${secrets.token}`,
          cookie: `session=${secrets.cookie}`,
          'x-request-id': 'req-ops-runtime-1',
        },
      });
      expect(listed.status).toBe(400); // unknown query fields are refused: the line is logged all the same
      expect(listed.headers.get('x-request-id')).toBe('req-ops-runtime-1');
      const unnamed = await fetch(`${base}/tickets`, {
        headers: { authorization: `Bearer ${secrets.token}` },
      });
      expect(unnamed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      expect(await stop(child)).toBe(0);
    }
    const requestLine = child.stdout
      .map((l) => JSON.parse(l))
      .find((l) => l.req?.url?.startsWith('/tickets?') && l.res);
    expect(requestLine).toMatchObject({ requestId: 'req-ops-runtime-1', req: { id: 'req-ops-runtime-1' } });
    expect(requestLine.req.headers.authorization).toBe('[redacted]');
    expect(requestLine.req.headers.cookie).toBe('[redacted]');
    expect(requestLine.req.url).toBe('/tickets?access_token=[redacted]');
    noSecretIn(child);
  });
});
