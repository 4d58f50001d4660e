import { distributedTestSettings, seedOrganisations, startTestApp, type TestApp } from '@helpdesk/testing';
import request from 'supertest';
import { TicketReadModel } from '../src/application/ticket-read-model';
import { TicketsOrganisationDirectory } from '../src/consumers/organisation-directory';
import { ticketsService } from '../src/tickets.service';
import { aTicket, agent, organisations, reporter } from './people';

const REGISTRATIONS = 25;

/**
 * Two replicas of the tickets service on one event store, one MongoDB and one Kafka. Only the
 * first runs the ticket projection (as under a lease); the second answers lists from it.
 */
describe('read-your-writes by the write position, across two replicas', () => {
  let writer: TestApp;
  let reader: TestApp;
  beforeAll(async () => {
    const settings = { ...(await distributedTestSettings('read_your_writes')), READ_YOUR_WRITES_MS: '1500' };
    writer = await startTestApp(ticketsService, settings);
    reader = await startTestApp(ticketsService, settings);
    await seedOrganisations(writer.app.get(TicketsOrganisationDirectory).views, organisations);
    await reader.app.get(TicketReadModel).beforeApplicationShutdown();
  });
  afterAll(async () => {
    await reader?.close();
    await writer?.close();
  });

  const register = async () => {
    const response = await writer.as(reporter).post('/tickets').send(aTicket).expect(201);
    expect(response.headers.etag).toBe('"0"');
    expect(response.headers['x-write-position']).toMatch(/^\d+$/);
    return { id: response.body.id as string, position: response.headers['x-write-position'] as string };
  };

  it('lists a ticket right after its registration on the other replica: 0 misses', async () => {
    let misses = 0;
    for (let i = 0; i < REGISTRATIONS; i++) {
      const { id, position } = await register();
      const list = await reader
        .as(agent)
        .get('/tickets?sort=-createdAt&limit=5')
        .set('X-Read-After', position)
        .expect(200);
      if (!list.body.items.some((item: { id: string }) => item.id === id)) misses++;
    }
    expect(misses).toBe(0);
  });

  it('says plainly that the read model is not there yet: 503 with Retry-After, never a silent miss', async () => {
    await writer.app.get(TicketReadModel).beforeApplicationShutdown();
    const { position } = await register();
    const started = Date.now();
    const answer = await reader.as(agent).get('/tickets').set('X-Read-After', position).expect(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(answer.headers['retry-after']).toBe('1');
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({
      type: 'https://helpdesk.example/problems/read-model-behind',
      status: 503,
      readModel: 'ticket-views',
      position,
    });
  });

  it('refuses a position it never gave, naming the header', async () => {
    const answer = await reader.as(agent).get('/tickets').set('X-Read-After', 'yesterday').expect(400);
    expect(answer.body.errors).toEqual([
      { field: 'X-Read-After', reason: expect.stringContaining('X-Write-Position') },
    ]);
  });

  it('documents the contract in OpenAPI', async () => {
    const document = (await request(reader.app.getHttpServer()).get('/docs/openapi.json').expect(200)).body;
    expect(Object.keys(document.paths['/tickets'].post.responses['201'].headers)).toContain(
      'X-Write-Position',
    );
    const list = document.paths['/tickets'].get;
    expect(list.description).toContain('X-Read-After');
    expect(list.responses['503'].headers).toHaveProperty('Retry-After');
  });
});
