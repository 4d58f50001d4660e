import type { TestApp } from '@helpdesk/testing';
import { aTicket, adminA, agent, reporter, startTickets } from './people';
import { MAX_ATTACHMENT_BYTES } from '../src/domain';

describe('tickets over HTTP (PostgreSQL event store, MongoDB read models)', () => {
  let desk: TestApp;
  beforeAll(async () => (desk = await startTickets('tickets_lifecycle')));
  afterAll(() => desk.close());

  const file = async () => (await desk.as(reporter).post('/tickets').send(aTicket).expect(201)).body;

  it('files a ticket with a reference, a location and a version', async () => {
    const response = await desk.as(reporter).post('/tickets').send(aTicket).expect(201);
    expect(response.body).toMatchObject({
      number: expect.stringMatching(/^HD-\d{5,}$/),
      status: 'new',
      revision: 0,
    });
    expect(response.headers.location).toBe(`/tickets/${response.body.id}`);
    expect(response.headers.etag).toBe('"0"');
    const view = (await desk.as(reporter).get(response.headers.location).expect(200)).body;
    expect(view).toMatchObject({
      ...aTicket,
      status: 'new',
      reporterId: reporter.id,
      organisationId: 'org-a',
      channel: 'portal',
    });
  });

  it('works a ticket through its lifecycle, recording every step with who and when', async () => {
    const { id } = await file();
    const step = (path: string, body: object = {}, who = agent) =>
      desk.as(who).post(`/tickets/${id}/${path}`).send(body).expect(200);
    await step('triage', { priority: 'P2' });
    await step('assignment', { assigneeId: 'agent-7', team: 'exports' });
    await step('start');
    await step('comments', { body: 'Which file do you export?', visibility: 'public' });
    await step('waiting-for-customer', { question: 'Which file?' });
    expect(
      (await step('comments', { body: 'The payroll file', visibility: 'public' }, reporter)).body.status,
    ).toBe('in_progress');
    await step('comments', { body: 'Looks like the known bug', visibility: 'internal' });
    await step('resolve', { resolution: 'Corrected the export settings' });
    expect((await step('close', {}, reporter)).body.status).toBe('closed');

    const history = (await desk.as(agent).get(`/tickets/${id}/history`).expect(200)).body;
    expect(history.map((e: { type: string }) => e.type)).toEqual([
      'TicketRegistered',
      'TicketTriaged',
      'TicketAssigned',
      'WorkStarted',
      'CommentAdded',
      'WaitingForCustomer',
      'CommentAdded',
      'CustomerReplied',
      'CommentAdded',
      'TicketResolved',
      'TicketClosed',
    ]);
    expect(history[1]).toMatchObject({ revision: 1, by: 'agent-1', role: 'agent', data: { priority: 'P2' } });
    const view = (await desk.as(agent).get(`/tickets/${id}`).expect(200)).body;
    expect(view).toMatchObject({
      status: 'closed',
      priority: 'P2',
      assigneeId: 'agent-7',
      team: 'exports',
      firstResponseAt: expect.any(String),
    });
  });

  it('hides internal comments from customers, in the ticket and in its history', async () => {
    const { id } = await file();
    await desk
      .as(agent)
      .post(`/tickets/${id}/comments`)
      .send({ body: 'internal note', visibility: 'internal' })
      .expect(200);
    await desk
      .as(agent)
      .post(`/tickets/${id}/comments`)
      .send({ body: 'public answer', visibility: 'public' })
      .expect(200);
    for (const who of [reporter, adminA]) {
      const view = (await desk.as(who).get(`/tickets/${id}`).expect(200)).body;
      expect(view.comments.map((c: { body: string }) => c.body)).toEqual(['public answer']);
      const history = (await desk.as(who).get(`/tickets/${id}/history`).expect(200)).body;
      expect(JSON.stringify(history)).not.toContain('internal note');
    }
    expect((await desk.as(agent).get(`/tickets/${id}`).expect(200)).body.comments).toHaveLength(2);
  });

  it('shows a ticket as it was at an earlier moment', async () => {
    const { id } = await file();
    await desk.as(agent).post(`/tickets/${id}/triage`).send({ priority: 'P3' }).expect(200);
    await new Promise((r) => setTimeout(r, 50));
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 50));
    await desk
      .as(agent)
      .post(`/tickets/${id}/priority`)
      .send({ priority: 'P1', reason: 'Production is down' })
      .expect(200);
    const then = (await desk.as(agent).get(`/tickets/${id}?asOf=${between}`).expect(200)).body;
    expect(then).toMatchObject({ priority: 'P3', status: 'open' });
    expect((await desk.as(agent).get(`/tickets/${id}`).expect(200)).body.priority).toBe('P1');
  });

  it('answers a stale If-Match with 412 and writes nothing, and honours a current one', async () => {
    const { id } = await file();
    await desk
      .as(agent)
      .post(`/tickets/${id}/triage`)
      .send({ priority: 'P3' })
      .set('If-Match', '"0"')
      .expect(200);
    const stale = await desk
      .as(agent)
      .post(`/tickets/${id}/comments`)
      .set('If-Match', '"0"')
      .send({ body: 'x', visibility: 'public' })
      .expect(412);
    expect(stale.headers['content-type']).toMatch(/problem\+json/);
    expect(stale.body.detail).toMatch(/no longer the current revision/);
    const ok = await desk
      .as(agent)
      .post(`/tickets/${id}/comments`)
      .set('If-Match', '"1"')
      .send({ body: 'x', visibility: 'public' })
      .expect(200);
    expect(ok.headers.etag).toBe('"2"');
  });

  it('gives concurrent registrations unique numbers', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => desk.as(reporter).post('/tickets').send(aTicket)),
    );
    const numbers = responses.map((r) => r.body.number);
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(new Set(numbers).size).toBe(20);
  });

  it('takes many comments on one ticket at once without losing any', async () => {
    const { id } = await file();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        desk
          .as(agent)
          .post(`/tickets/${id}/comments`)
          .send({ body: `comment ${i}`, visibility: 'internal' })
          .expect(200),
      ),
    );
    const view = (await desk.as(agent).get(`/tickets/${id}`).expect(200)).body;
    expect(view.comments.map((c: { body: string }) => c.body).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `comment ${i}`).sort(),
    );
  });

  it('pages through a filtered, sorted list with a cursor', async () => {
    const subject = `paging-${Date.now()}`;
    for (let i = 0; i < 7; i++)
      await desk
        .as(reporter)
        .post('/tickets')
        .send({ ...aTicket, subject: `${subject} ${i}` })
        .expect(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { subject: string }[]; nextCursor: string | null } } = await desk
        .as(agent)
        .get(`/tickets?q=${subject}&sort=createdAt&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      seen.push(...page.body.items.map((t) => t.subject));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `${subject} ${i}`));
  });

  it('stores and serves attachments, refusing types that are not allowed', async () => {
    const { id } = await file();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(1000, 7)]);
    const upload = await desk
      .as(reporter)
      .post(`/tickets/${id}/attachments`)
      .attach('file', png, { filename: 'screen.png', contentType: 'image/png' })
      .expect(201);
    const download = await desk
      .as(agent)
      .get(`/tickets/${id}/attachments/${upload.body.attachmentId}`)
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, png)).toBe(0);
    expect(download.headers['content-type']).toBe('image/png');
    const refused = await desk
      .as(reporter)
      .post(`/tickets/${id}/attachments`)
      .attach('file', Buffer.from('MZ'), { filename: 'setup.exe', contentType: 'application/x-msdownload' })
      .expect(422);
    expect(refused.body.detail).toMatch(/cannot be attached/);
  });

  it('refuses an upload without the file, in another field, or over the limit, storing nothing', async () => {
    const { id } = await file();
    const attachments = async () =>
      ((await desk.as(agent).get(`/tickets/${id}`).expect(200)).body.attachments as unknown[]).length;
    const missing = await desk.as(reporter).post(`/tickets/${id}/attachments`).field('note', 'x').expect(400);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body.errors[0].field).toBe('file');
    const notMultipart = await desk.as(reporter).post(`/tickets/${id}/attachments`).send({}).expect(400);
    expect(notMultipart.body.errors[0].field).toBe('file');
    const otherField = await desk
      .as(reporter)
      .post(`/tickets/${id}/attachments`)
      .attach('upload', Buffer.from('hello'), { filename: 'a.txt', contentType: 'text/plain' })
      .expect(400);
    expect(otherField.body.errors[0]).toEqual({
      field: 'file',
      reason: 'the file must be sent in multipart field "file", not "upload"',
    });
    // A part without headers, as schemathesis sent it: the body's fault, named, not a 500.
    const boundary = '7c5156fb04a2177cf9e322ad31ebde44';
    const malformed = await desk
      .as(reporter)
      .post(`/tickets/${id}/attachments`)
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(`--${boundary}\r\nNone--${boundary}--\r\n`)
      .expect(400);
    expect(malformed.body.errors[0].field).toBe('file');
    const tooLarge = await desk
      .as(reporter)
      .post(`/tickets/${id}/attachments`)
      .attach('file', Buffer.alloc(MAX_ATTACHMENT_BYTES + 2, 1), {
        filename: 'big.txt',
        contentType: 'text/plain',
      })
      .expect(413);
    expect(tooLarge.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(tooLarge.body.detail).toMatch(/at most 26214401 bytes/);
    expect(await attachments()).toBe(0);
  });
});
