import {
  buildWorkspace,
  distributedTestSettings,
  eventually,
  freePort,
  seedOrganisations,
  type ServiceProcess,
  spawnService,
  startTestApp,
  TEST_JWT_SECRET,
  testToken,
} from '@helpdesk/testing';
import { createServer, type Server } from 'node:http';
import { TicketsOrganisationDirectory } from '../src/consumers/organisation-directory';
import { ticketsService } from '../src/tickets.service';
import { adminA, aTicket, organisations } from './people';

/** A span as OTLP/JSON carries it (ids in hex). */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: Array<{ key: string; value: { stringValue?: string } }>;
}
const SPAN_KIND_SERVER = 2;

/** An OTLP/HTTP collector on loopback that keeps every span it is sent. */
const startCollector = async () => {
  const spans: OtlpSpan[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const { resourceSpans = [] } = JSON.parse(body || '{}') as {
        resourceSpans?: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
      };
      for (const resource of resourceSpans)
        for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { spans, url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
};

/**
 * The tickets service as its own process with tracing on (OTEL_* only), started as the image
 * starts it (`bundles/tickets.js`): the launcher starts the SDK and then the unbundled build,
 * whose pg, mongodb and express it patches; an incoming traceparent is honoured, and the log
 * lines of the request carry its ids.
 */
describe('the tickets process with OpenTelemetry on', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let child: ServiceProcess;
  let base: string;
  beforeAll(async () => {
    buildWorkspace();
    collector = await startCollector();
    const settings = await distributedTestSettings('tracing_process');
    const seeding = await startTestApp(ticketsService, settings);
    await seedOrganisations(seeding.app.get(TicketsOrganisationDirectory).views, organisations);
    await seeding.close();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawnService('bundles/tickets.js', {
      ...settings,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(port),
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    await child.answers('/health/live', base, 60000);
  }, 120000);
  afterAll(async () => {
    child?.child.kill('SIGTERM');
    await child?.exited;
    await collector?.close();
  });

  it("continues the caller's trace through HTTP, the command and PostgreSQL, and logs its ids", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpanId = '00f067aa0ba902b7';
    const registered = await fetch(`${base}/tickets`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${testToken(adminA)}`,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${callerSpanId}-01`,
      },
      body: JSON.stringify(aTicket),
    });
    expect(registered.status).toBe(201);

    const ofTrace = () => collector.spans.filter((span) => span.traceId === traceId);
    const spans = await eventually(
      ofTrace,
      (found) => found.some((span) => span.name === 'command ticket'),
      30000,
    );
    const server = spans.find((span) => span.kind === SPAN_KIND_SERVER);
    expect(server?.parentSpanId).toBe(callerSpanId);
    const attribute = (span: OtlpSpan, key: string) =>
      span.attributes?.find((a) => a.key === key)?.value.stringValue;
    expect(spans.some((span) => attribute(span, 'db.system.name') === 'postgresql')).toBe(true);
    expect(spans.map((span) => span.name)).toEqual(expect.arrayContaining(['decide', 'append']));
    // Polling outside any trace makes no spans of its own.
    expect(collector.spans.filter((span) => span.name.startsWith('pg') && !span.parentSpanId)).toEqual([]);

    const lines = child.stdout.map((line) => JSON.parse(line) as Record<string, unknown>);
    const traced = lines.filter((line) => line.trace_id === traceId);
    expect(traced.length).toBeGreaterThan(0);
    expect(
      traced.every((line) => typeof line.span_id === 'string' && /^[0-9a-f]{16}$/.test(line.span_id)),
    ).toBe(true);
  }, 60000);
});
