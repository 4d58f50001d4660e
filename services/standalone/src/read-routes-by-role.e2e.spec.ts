import type { Principal } from '@helpdesk/platform';
import { eventually, registerOrganisation, startTestApp, type TestApp } from '@helpdesk/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { standaloneService } from './standalone.service';

type Role = 'agent' | 'system' | 'adminA' | 'adminB' | 'involved' | 'uninvolved';
/** The desk's read models follow its events within moments. */
const SETTLES_MS = 15000;
const ROLES: Role[] = ['agent', 'system', 'adminA', 'adminB', 'involved', 'uninvolved'];

/**
 * Every read route (GET) of every service, as every kind of caller: the vendor's agent, another
 * system, the administrator of the ticket's organisation and of another one, the employee who
 * reported the ticket and a colleague who is not involved. Each detail route answers what the
 * caller may see, and each list shows the caller exactly what the detail routes would.
 */
describe('every read route as every role (the whole desk in one process)', () => {
  let dataDir: string;
  let desk: TestApp;
  const who = {} as Record<Role, Principal>;
  let orgA: string;
  let ticket: { id: string; number: string; subject: string };
  let attachmentId: string;
  let releaseId: string;
  let plannedDate: string;
  let notificationId: string;

  const get = (role: Role, path: string) => desk.as(who[role]).get(path);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'read-routes-'));
    desk = await startTestApp(standaloneService, { DATA_DIR: dataDir });
    who.agent = { id: 'agent-1', role: 'agent' };
    who.system = { id: 'erp-link', role: 'system' };
    const alpha = await registerOrganisation(desk, 'Alpha');
    orgA = alpha.id;
    who.adminA = alpha.administrator;
    who.adminB = (await registerOrganisation(desk, 'Beta')).administrator;
    for (const [role, name] of [
      ['involved', 'Bram Jansen'],
      ['uninvolved', 'Carla Smit'],
    ] as const) {
      const email = `${name.split(' ')[0].toLowerCase()}@alpha.example`;
      const contact = (
        await desk
          .as(who.adminA)
          .post(`/organisations/${orgA}/contacts`)
          .send({ name, email, language: 'en' })
          .expect(201)
      ).body;
      await desk.as(who.adminA).post(`/contacts/${contact.id}/authorisation`).expect(200);
      who[role] = { id: contact.id, role: 'customer_employee', organisationId: orgA };
    }
    const filed = await eventually(
      () =>
        desk
          .as(who.involved)
          .post('/tickets')
          .send({ kind: 'error', subject: 'Payroll export stops', description: 'Halfway, every month.' }),
      (response) => response.status === 201,
      SETTLES_MS,
    );
    ticket = { id: filed.body.id, number: filed.body.number, subject: 'Payroll export stops' };
    await desk
      .as(who.involved)
      .post(`/tickets/${ticket.id}/attachments`)
      .attach('file', Buffer.from('log line'), { filename: 'log.txt', contentType: 'text/plain' })
      .expect(201);
    await desk.as(who.agent).post(`/tickets/${ticket.id}/triage`).send({ priority: 'P2' }).expect(200);
    await desk
      .as(who.agent)
      .post(`/tickets/${ticket.id}/comments`)
      .send({ body: 'Looking into it.', visibility: 'public' })
      .expect(200);
    attachmentId = (await get('agent', `/tickets/${ticket.id}`).expect(200)).body.attachments[0].id;

    plannedDate = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    releaseId = (
      await desk.as(who.agent).post('/releases').send({ version: '9.1.0', plannedDate }).expect(201)
    ).body.id;
    await eventually(
      () => desk.as(who.agent).post(`/releases/${releaseId}/fixes`).send({ ticketId: ticket.id }),
      (response) => response.status === 200,
      SETTLES_MS,
    );
    const reporterKey = `contact:${who.involved.id}`;
    type Logged = { id: string; recipient: { key: string } };
    const log: Logged[] = await eventually(
      async () => (await get('agent', `/notifications?ticket=${ticket.id}&limit=100`)).body.items ?? [],
      (items: Logged[]) => items.some((m) => m.recipient.key === reporterKey),
      SETTLES_MS,
    );
    notificationId = log.find((m) => m.recipient.key === reporterKey)!.id;
  }, 120000);

  afterAll(async () => {
    await desk?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  // Who sees the ticket: the vendor, the organisation's administrator and the reporter.
  const seesTicket: Record<Role, boolean> = {
    agent: true,
    system: true,
    adminA: true,
    adminB: false,
    involved: true,
    uninvolved: false,
  };
  const ticketStatus = (role: Role) => (seesTicket[role] ? 200 : 404);

  const detailRoutes: Array<[route: string, path: () => string, status: (role: Role) => number]> = [
    ['GET /organisations/{id}', () => `/organisations/${orgA}`, (r) => (r === 'adminB' ? 404 : 200)],
    [
      'GET /organisations/{id}/contacts',
      () => `/organisations/${orgA}/contacts`,
      (r) => (r === 'adminB' ? 404 : r === 'involved' || r === 'uninvolved' ? 403 : 200),
    ],
    [
      'GET /contacts/{id}',
      () => `/contacts/${who.involved.id}`,
      (r) => (r === 'adminB' || r === 'uninvolved' ? 404 : 200),
    ],
    ['GET /tickets/{id}', () => `/tickets/${ticket.id}`, ticketStatus],
    ['GET /tickets/{id}/history', () => `/tickets/${ticket.id}/history`, ticketStatus],
    [
      'GET /tickets/{id}/attachments/{attachmentId}',
      () => `/tickets/${ticket.id}/attachments/${attachmentId}`,
      ticketStatus,
    ],
    ['GET /sla/tickets/{id}', () => `/sla/tickets/${ticket.id}`, ticketStatus],
    ['GET /notifications/{id}', () => `/notifications/${notificationId}`, ticketStatus],
    ['GET /releases/{id}', () => `/releases/${releaseId}`, () => 200],
    ['GET /releases/{id}/notes', () => `/releases/${releaseId}/notes`, () => 200],
    ['GET /sla/board', () => '/sla/board', (r) => (r === 'involved' || r === 'uninvolved' ? 403 : 200)],
    [
      'GET /sla/reports/compliance',
      () => `/sla/reports/compliance?from=2020-01-01&to=${plannedDate}`,
      (r) => (r === 'involved' || r === 'uninvolved' ? 403 : 200),
    ],
  ];

  describe.each(ROLES)('as %s', (role) => {
    it.each(detailRoutes)('%s answers what the caller may see', async (_route, path, status) => {
      const response = await get(role, path());
      expect(response.status).toBe(status(role));
      if (response.status >= 400)
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('GET /organisations lists each organisation exactly as its detail route shows it', async () => {
      const { items } = (await get(role, '/organisations?limit=100').expect(200)).body;
      for (const item of items)
        expect((await get(role, `/organisations/${item.id}`).expect(200)).body).toEqual(item);
      const ids = items.map((o: { id: string }) => o.id);
      expect(ids.includes(orgA)).toBe(role !== 'adminB');
      if (role === 'involved' || role === 'uninvolved')
        expect(Object.keys(items[0]).sort()).toEqual(['administrators', 'id', 'name', 'status']);
    });

    it('GET /tickets lists exactly the tickets whose detail route answers', async () => {
      const { items } = (await get(role, '/tickets?limit=100').expect(200)).body;
      for (const item of items) await get(role, `/tickets/${item.id}`).expect(200);
      expect(items.some((t: { id: string }) => t.id === ticket.id)).toBe(seesTicket[role]);
    });

    it('GET /notifications lists exactly the messages whose detail route answers', async () => {
      const { items } = (await get(role, `/notifications?ticket=${ticket.id}&limit=100`).expect(200)).body;
      for (const item of items) await get(role, `/notifications/${item.id}`).expect(200);
      expect(items.some((m: { id: string }) => m.id === notificationId)).toBe(seesTicket[role]);
    });

    it('GET /releases lists the release with the fixes its detail route counts', async () => {
      const { items } = (await get(role, `/releases?from=${plannedDate}&to=${plannedDate}`).expect(200)).body;
      const listed = items.find((r: { id: string }) => r.id === releaseId);
      const detail = (await get(role, `/releases/${releaseId}`).expect(200)).body;
      expect(listed.fixCount).toBe(detail.fixes.length + detail.otherFixes);
    });

    it('release detail and notes name the ticket only to whoever may see it, and count it for the others', async () => {
      const detail = (await get(role, `/releases/${releaseId}`).expect(200)).body;
      const notes = (await get(role, `/releases/${releaseId}/notes`).expect(200)).text;
      if (seesTicket[role]) {
        expect(detail.fixes.map((f: { ticketId: string }) => f.ticketId)).toEqual([ticket.id]);
        expect(notes).toContain(`${ticket.number} — ${ticket.subject}`);
      } else {
        expect(detail).toMatchObject({ fixes: [], otherFixes: 1 });
        for (const text of [JSON.stringify(detail), notes]) {
          expect(text).not.toContain(ticket.number);
          expect(text).not.toContain(ticket.subject);
        }
        expect(notes).toContain('1 fix for other customers');
      }
    });

    it('GET /sla/board lists only clocks whose ticket the caller may see', async () => {
      const response = await get(role, '/sla/board?limit=100');
      if (role === 'involved' || role === 'uninvolved') return void expect(response.status).toBe(403);
      for (const item of response.body.items) await get(role, `/sla/tickets/${item.ticketId}`).expect(200);
    });
  });
});
