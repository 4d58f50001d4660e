import type { TestApp } from '@helpdesk/testing';
import { randomUUID } from 'node:crypto';
import {
  aTicket,
  adminA,
  adminB,
  agent,
  colleague,
  formerContactId,
  reporter,
  startTickets,
  unknownContactId,
} from './people';

/** Every route that addresses one ticket, with a body it would accept. */
// Every row has three entries: jest would pass its `done` callback for a missing one.
const ticketRoutes: Array<[method: 'get' | 'post' | 'delete', path: string, body: object | null]> = [
  ['get', '', null],
  ['get', '/history', null],
  ['post', '/triage', { priority: 'P2' }],
  ['post', '/priority', { priority: 'P1', reason: 'x' }],
  ['post', '/reassessment', { reason: 'x' }],
  ['post', '/reassessment/decision', { accept: false, reason: 'x' }],
  ['post', '/assignment', { assigneeId: 'agent-2' }],
  ['post', '/comments', { body: 'x', visibility: 'public' }],
  ['post', '/participants', { contactId: unknownContactId }],
  ['delete', `/participants/${unknownContactId}`, null],
  ['post', '/start', null],
  ['post', '/waiting-for-customer', { question: 'x' }],
  ['post', '/customer-reply', null],
  ['post', '/waiting-for-third-party', { thirdParty: 'x', reason: 'x' }],
  ['post', '/resume', null],
  ['post', '/workaround', { workaround: 'x' }],
  ['post', '/fix', { releaseId: 'r', version: '1', plannedDate: '2026-12-08' }],
  ['post', '/fix/unschedule', { releaseId: 'r', reason: 'x' }],
  ['post', '/fix/release', { releaseId: 'r', version: '1' }],
  ['post', '/resolve', { resolution: 'x' }],
  ['post', '/close', null],
  ['post', '/reopen', { reason: 'x' }],
  ['post', '/wish/accept', null],
  ['post', '/wish/decline', { reason: 'x' }],
  ['post', '/remote-session-consent', null],
  ['delete', '/remote-session-consent', null],
  ['get', `/attachments/${randomUUID()}`, null],
];

describe('who may see and change which ticket', () => {
  let desk: TestApp;
  let ticketId: string;
  const historyLength = async () =>
    (await desk.as(agent).get(`/tickets/${ticketId}/history`).expect(200)).body.length;

  beforeAll(async () => {
    desk = await startTickets('tickets_access');
    ticketId = (await desk.as(reporter).post('/tickets').send(aTicket).expect(201)).body.id;
  });
  afterAll(() => desk.close());

  describe.each([
    ['a customer of another organisation', adminB],
    ['a colleague who is not involved', colleague],
  ])('%s', (_who, outsider) => {
    it.each(ticketRoutes)(
      'gets 404 for %s /tickets/{id}%s, and nothing is written',
      async (method, path, body) => {
        const before = await historyLength();
        const call = desk.as(outsider)[method](`/tickets/${ticketId}${path}`);
        const response = await (body ? call.send(body) : call);
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(await historyLength()).toBe(before);
      },
    );

    it('does not find the ticket in lists, whatever organisation is asked for', async () => {
      for (const query of ['', '?organisationId=org-a', `?q=${encodeURIComponent(aTicket.subject)}`]) {
        const { items } = (await desk.as(outsider).get(`/tickets${query}`).expect(200)).body;
        expect(items.map((t: { id: string }) => t.id)).not.toContain(ticketId);
      }
    });

    it('cannot attach files to it', async () => {
      await desk
        .as(outsider)
        .post(`/tickets/${ticketId}/attachments`)
        .attach('file', Buffer.from('hello'), { filename: 'a.txt', contentType: 'text/plain' })
        .expect(404);
    });
  });

  it("lets the organisation's administrator and an added participant see it", async () => {
    await desk.as(adminA).get(`/tickets/${ticketId}`).expect(200);
    await desk
      .as(reporter)
      .post(`/tickets/${ticketId}/participants`)
      .send({ contactId: colleague.id })
      .expect(200);
    await desk.as(colleague).get(`/tickets/${ticketId}`).expect(200);
    const { items } = (await desk.as(colleague).get('/tickets').expect(200)).body;
    expect(items.map((t: { id: string }) => t.id)).toContain(ticketId);
    await desk.as(reporter).delete(`/tickets/${ticketId}/participants/${colleague.id}`).expect(200);
    await desk.as(colleague).get(`/tickets/${ticketId}`).expect(404);
  });

  it('refuses a customer who files for another organisation', async () => {
    const response = await desk
      .as(reporter)
      .post('/tickets')
      .send({ ...aTicket, organisationId: 'org-b' })
      .expect(403);
    expect(response.body.detail).toMatch(/only for your own organisation/);
  });

  it('answers 401 without a token', async () => {
    const { default: request } = await import('supertest');
    await request(desk.app.getHttpServer()).get(`/tickets/${ticketId}`).expect(401);
  });
});

describe('bad input gets a clear problem and writes nothing', () => {
  let desk: TestApp;
  let ticketId: string;
  const historyLength = async () =>
    (await desk.as(agent).get(`/tickets/${ticketId}/history`).expect(200)).body.length;

  beforeAll(async () => {
    desk = await startTickets('tickets_input');
    ticketId = (await desk.as(reporter).post('/tickets').send(aTicket).expect(201)).body.id;
  });
  afterAll(() => desk.close());

  it.each([
    ['an unknown field', { ...aTicket, severity: 'high' }, 'severity', 'property severity should not exist'],
    ['a wrong type', { ...aTicket, subject: 42 }, 'subject', 'subject must be a string'],
    [
      'an unknown kind',
      { ...aTicket, kind: 'bug' },
      'kind',
      'kind must be one of the following values: question, error, outage, wish',
    ],
    [
      'an oversize subject',
      { ...aTicket, subject: 'x'.repeat(201) },
      'subject',
      'subject must be shorter than or equal to 200 characters',
    ],
    ['a missing description', { kind: 'error', subject: 'x' }, 'description', 'description must be a string'],
    [
      'a bad nested field',
      { ...aTicket, details: { impact: 7 } },
      'details.impact',
      'impact must be a string',
    ],
  ])('a registration with %s', async (_case, body, field, reason) => {
    const response = await desk.as(reporter).post('/tickets').send(body).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toContainEqual({ field, reason });
  });

  // A rule no schema can state (an agent's ticket names its organisation and reporter): 422.
  it('an agent filing without saying for whom', async () => {
    const response = await desk.as(agent).post('/tickets').send(aTicket).expect(422);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'organisationId',
      'reporterId',
    ]);
  });

  it.each([
    ['a priority that does not exist', '/triage', { priority: 'P0' }, 400],
    ['a comment with unknown visibility', '/comments', { body: 'x', visibility: 'secret' }, 400],
    ['a date that is not a date', '/fix', { releaseId: 'r', version: '1', plannedDate: 'soon' }, 400],
    ['a participant given twice over', '/participants', { contactId: 'c', email: 'a@b.example' }, 400],
    ['an illegal transition', '/resume', {}, 409],
    ['a customer triaging', '/triage', { priority: 'P1' }, 403],
  ])('%s', async (_case, path, body, status) => {
    const before = await historyLength();
    const who = status === 403 ? reporter : agent;
    const response = await desk.as(who).post(`/tickets/${ticketId}${path}`).send(body).expect(status);
    expect(response.body).toMatchObject({ status, detail: expect.any(String) });
    expect(await historyLength()).toBe(before);
  });

  it.each([
    ['a contact of another organisation', adminB.id, "is not a contact of the ticket's organisation"],
    ['an id that exists nowhere', 'c-nobody', "is not a contact of the ticket's organisation"],
    ['a contact who is no longer active', formerContactId, 'is no longer an active contact'],
  ])('a participant who is %s: 422 naming contactId', async (_case, contactId, reason) => {
    const before = await historyLength();
    const response = await desk
      .as(agent)
      .post(`/tickets/${ticketId}/participants`)
      .send({ contactId })
      .expect(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual([{ field: 'contactId', reason }]);
    expect(await historyLength()).toBe(before);
    const ticket = (await desk.as(agent).get(`/tickets/${ticketId}`).expect(200)).body;
    expect(JSON.stringify(ticket.participants ?? [])).not.toContain(contactId);
  });

  it('a participant who is an active contact of the organisation, or an address, is added', async () => {
    for (const participant of [{ contactId: colleague.id }, { email: 'it-desk@org-a.example' }])
      await desk.as(agent).post(`/tickets/${ticketId}/participants`).send(participant).expect(200);
  });

  it('a ticket id that is not one', async () => {
    await desk.as(agent).get('/tickets/not-a-uuid').expect(400);
    await desk.as(agent).get(`/tickets/${randomUUID()}`).expect(404);
    await desk.as(agent).post(`/tickets/${randomUUID()}/triage`).send({ priority: 'P1' }).expect(404);
  });

  it('an If-Match that is not an ETag', async () => {
    const response = await desk
      .as(agent)
      .post(`/tickets/${ticketId}/triage`)
      .set('If-Match', 'yesterday')
      .send({ priority: 'P1' })
      .expect(400);
    expect(response.body.errors).toEqual([
      { field: 'If-Match', reason: 'must be an ETag this API gave, such as "3"' },
    ]);
  });

  it('a list query out of range', async () => {
    const response = await desk.as(agent).get('/tickets?limit=1000&status=sleeping').expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'status']);
  });

  it('a cursor that was not handed out', async () => {
    const response = await desk.as(agent).get('/tickets?cursor=bm9wZQ').expect(422);
    expect(response.body.detail).toMatch(/cursor/);
  });
});
