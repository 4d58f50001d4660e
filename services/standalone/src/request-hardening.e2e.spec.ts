import { registerOrganisation, startTestApp, type TestApp } from '@helpdesk/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { standaloneService } from './standalone.service';

const agent = { id: 'agent-1', role: 'agent' as const };

/** Bad requests get problem+json and write nothing: each check counts the aggregate's events after. */
describe('request rules shared by every service (standalone)', () => {
  let dataDir: string;
  let desk: TestApp;
  let ticketId: string;
  let organisationId: string;
  let administratorId: string;
  const historyLength = async () =>
    (await desk.as(agent).get(`/tickets/${ticketId}/history`).expect(200)).body.length as number;
  const organisationRevision = async () =>
    (await desk.as(agent).get(`/organisations/${organisationId}`).expect(200)).body.revision as number;
  const expectProblem = (response: { status: number; headers: Record<string, string> }, status: number) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hardening-'));
    desk = await startTestApp(standaloneService, { DATA_DIR: dataDir, HTTP_BODY_MAX_BYTES: '200000' });
    const organisation = await registerOrganisation(desk);
    organisationId = organisation.id;
    administratorId = organisation.administrator.id;
    ticketId = (
      await desk
        .as(organisation.administrator)
        .post('/tickets')
        .send({ kind: 'question', subject: 'Export', description: 'Where is the export?' })
        .expect(201)
    ).body.id;
    await desk.as(agent).post(`/tickets/${ticketId}/triage`).send({ priority: 'P3' }).expect(200);
  });
  afterAll(async () => {
    await desk.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 413 to a body over the limit, before the path id is looked at', async () => {
    const before = await historyLength();
    const big = { body: 'x'.repeat(250_000), visibility: 'public' };
    const response = await desk.as(agent).post(`/tickets/${ticketId}/comments`).send(big);
    expectProblem(response, 413);
    expect(response.body.detail).toMatch(/at most 200000 bytes/);
    expectProblem(await desk.as(agent).post('/tickets/not-an-id/comments').send(big), 413);
    expect(await historyLength()).toBe(before);
  });

  it('answers 400 to JSON nested deeper than the limit, and to JSON that does not parse', async () => {
    const before = await historyLength();
    const deep = `{"body":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const response = await desk
      .as(agent)
      .post(`/tickets/${ticketId}/comments`)
      .set('content-type', 'application/json')
      .send(deep);
    expectProblem(response, 400);
    expect(response.body.errors).toEqual([{ field: 'body', reason: 'nested deeper than 32 levels' }]);
    const broken = await desk
      .as(agent)
      .post(`/tickets/${ticketId}/comments`)
      .set('content-type', 'application/json')
      .send('{"body":');
    expectProblem(broken, 400);
    // A bare null (or number, or string) is JSON but no command's body: refused before any If-Match.
    const bare = await desk
      .as(agent)
      .post(`/tickets/${ticketId}/comments`)
      .set('content-type', 'application/json')
      .set('If-Match', '"9999"')
      .send('null');
    expectProblem(bare, 400);
    expect(bare.body.errors).toEqual([{ field: 'body', reason: 'must be a JSON object' }]);
    expect(await historyLength()).toBe(before);
  });

  it('answers 415 to a form-encoded body', async () => {
    const before = await historyLength();
    const response = await desk
      .as(agent)
      .post(`/tickets/${ticketId}/comments`)
      .type('form')
      .send('body=hello&visibility=public');
    expectProblem(response, 415);
    expect(await historyLength()).toBe(before);
  });

  it('refuses a __proto__ key anywhere in the body (422)', async () => {
    const before = await historyLength();
    const response = await desk
      .as(agent)
      .post(`/tickets/${ticketId}/comments`)
      .set('content-type', 'application/json')
      .send('{"body":"hi","visibility":"public","__proto__":{"x":1}}');
    expectProblem(response, 422);
    expect(response.body.errors[0].field).toBe('__proto__');
    expect(await historyLength()).toBe(before);
  });

  it('refuses fields sent to a command that takes no body, naming them', async () => {
    const before = await organisationRevision();
    const response = await desk
      .as(agent)
      .post(`/contacts/${administratorId}/deactivation`)
      .send({ reason: 'left', when: 'now' });
    expectProblem(response, 400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason', 'when']);
    expect(await organisationRevision()).toBe(before);
  });

  it('answers 405 with Allow to a method a path does not answer, 404 to a path that does not exist', async () => {
    const response = await desk.as(agent).put('/tickets').send({});
    expectProblem(response, 405);
    expect(response.headers.allow).toBe('GET, HEAD, POST');
    expectProblem(await desk.as(agent).put('/no-such-route').send({}), 404);
  });

  it('refuses GET /releases?from=notadate naming the field', async () => {
    const response = await desk.as(agent).get('/releases?from=notadate');
    expectProblem(response, 400);
    expect(response.body.errors[0].field).toBe('from');
  });

  describe('If-Match', () => {
    it('refuses a weak tag, *, and a list, with 400 naming If-Match; nothing is written', async () => {
      const before = await historyLength();
      for (const value of [`W/"${before - 1}"`, '*', `"${before - 1}", "${before}"`, '3']) {
        const response = await desk
          .as(agent)
          .post(`/tickets/${ticketId}/comments`)
          .set('If-Match', value)
          .send({ body: 'checked?', visibility: 'public' });
        expectProblem(response, 400);
        expect(response.body.errors[0].field).toBe('If-Match');
      }
      expect(await historyLength()).toBe(before);
    });

    it('answers 412 to a stale If-Match, and accepts the current one', async () => {
      const ticket = await desk.as(agent).get(`/tickets/${ticketId}`).expect(200);
      const current = ticket.headers.etag as string;
      expect(current).toBe(`"${ticket.body.revision}"`);
      const before = await historyLength();
      const stale = await desk
        .as(agent)
        .post(`/tickets/${ticketId}/comments`)
        .set('If-Match', `"${ticket.body.revision - 1}"`)
        .send({ body: 'late', visibility: 'public' });
      expectProblem(stale, 412);
      expect(stale.body.currentRevision).toBe(ticket.body.revision);
      expect(await historyLength()).toBe(before);
      const fresh = await desk
        .as(agent)
        .post(`/tickets/${ticketId}/comments`)
        .set('If-Match', current)
        .send({ body: 'on time', visibility: 'public' })
        .expect(200);
      expect(fresh.headers.etag).toBe(`"${ticket.body.revision + 1}"`);
    });

    it('refuses If-Match on a create', async () => {
      const count = async () => (await desk.as(agent).get('/organisations').expect(200)).body.items.length;
      const before = await count();
      const response = await desk
        .as(agent)
        .post('/organisations')
        .set('If-Match', '"0"')
        .send({
          name: 'Other',
          slaPolicy: 'restore-time',
          administrator: { name: 'Ot', email: 'ot@other.example', language: 'en' },
        });
      expectProblem(response, 400);
      expect(response.body.errors[0].field).toBe('If-Match');
      expect(await count()).toBe(before);
    });

    it('gives organisations and contacts their revision as ETag, good for If-Match', async () => {
      const organisation = await desk.as(agent).get(`/organisations/${organisationId}`).expect(200);
      expect(organisation.headers.etag).toBe(`"${organisation.body.revision}"`);
      const contact = await desk.as(agent).get(`/contacts/${administratorId}`).expect(200);
      expect(contact.headers.etag).toBe(`"${organisation.body.revision}"`);
      await desk
        .as(agent)
        .patch(`/contacts/${administratorId}`)
        .set('If-Match', `"${organisation.body.revision - 1}"`)
        .send({ phone: '+31 20 000 0000' })
        .expect(412);
      expect(await organisationRevision()).toBe(organisation.body.revision);
      await desk
        .as(agent)
        .patch(`/contacts/${administratorId}`)
        .set('If-Match', contact.headers.etag)
        .send({ phone: '+31 20 000 0000' })
        .expect(200);
    });
  });

  describe('contacts', () => {
    it('changes a contact: an empty PATCH records nothing, a name change one event', async () => {
      const before = await organisationRevision();
      const empty = await desk.as(agent).patch(`/contacts/${administratorId}`).send({}).expect(200);
      expect(empty.body.events).toEqual([]);
      expect(await organisationRevision()).toBe(before);
      const renamed = await desk
        .as(agent)
        .patch(`/contacts/${administratorId}`)
        .send({ name: 'Anna de Vries-Jansen' })
        .expect(200);
      expect(renamed.body.events).toEqual(['ContactDetailsChanged']);
      const contact = (await desk.as(agent).get(`/contacts/${administratorId}`).expect(200)).body;
      expect(contact).toMatchObject({ name: 'Anna de Vries-Jansen', email: 'anna@zorg.example' });
    });

    it('answers 400 naming administrator when an organisation is registered without one', async () => {
      const count = async () => (await desk.as(agent).get('/organisations').expect(200)).body.items.length;
      const before = await count();
      const response = await desk
        .as(agent)
        .post('/organisations')
        .send({ name: 'Headless', slaPolicy: 'restore-time' });
      expectProblem(response, 400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('administrator');
      expect(await count()).toBe(before);
    });
  });

  describe('path ids', () => {
    const unknownUuid = '3f0a9c2b-7d4e-45f6-a8b9-c0d1e2f3a4b5';
    const expectRefused = async (
      call: Promise<{ status: number; headers: Record<string, string>; body: { errors?: unknown } }>,
      field: string,
    ) => {
      const response = await call;
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([{ field, reason: expect.stringMatching(/^must be /) }]);
    };

    it('refuses a malformed id of every kind with 400 naming the parameter, before anything is read', async () => {
      const as = desk.as(agent);
      await expectRefused(as.get('/contacts/anna'), 'id');
      await expectRefused(as.get('/organisations/42'), 'id');
      await expectRefused(as.get('/releases/2026.12'), 'id');
      // A release train's id is a release id too.
      await as.get('/releases/train-2031-01-07').expect(404);
      await expectRefused(as.get('/notifications/not-a-digest'), 'id');
      await expectRefused(as.get('/sla/tickets/HD-00001'), 'id');
      await expectRefused(as.get(`/tickets/${ticketId}/attachments/report.pdf`), 'attachmentId');
      // A UUID of another version is not one of ours either.
      await expectRefused(as.get('/tickets/3f0a9c2b-7d4e-15f6-a8b9-c0d1e2f3a4b5'), 'id');
      // Longer than Fastify's own limit on a parameter (100): still our 400, not its 414.
      await expectRefused(as.get(`/contacts/${'x'.repeat(300)}`), 'id');
      // Well-formed but unknown is a 404: the format check is what answered above.
      await as.get(`/contacts/${unknownUuid}`).expect(404);
    });

    it('writes nothing when a command names a malformed id', async () => {
      const beforeTicket = await historyLength();
      const beforeOrganisation = await organisationRevision();
      const as = desk.as(agent);
      await expectRefused(as.delete(`/tickets/${ticketId}/participants/not-an-address`), 'participant');
      await expectRefused(as.patch('/contacts/anna').send({ name: 'Anna' }), 'id');
      await expectRefused(as.patch(`/organisations/${organisationId}x`).send({ name: 'Zorg' }), 'id');
      await expectRefused(as.delete(`/releases/${unknownUuid}/fixes/${ticketId.toUpperCase()}x`), 'ticketId');
      await expectRefused(as.post('/mail/inbound/NOT-HEX/reprocess'), 'mailId');
      expect(await historyLength()).toBe(beforeTicket);
      expect(await organisationRevision()).toBe(beforeOrganisation);
    });
  });
});
