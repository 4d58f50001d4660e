import { eventually, registerOrganisation, startTestApp, type TestApp } from '@helpdesk/testing';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { standaloneService } from './standalone.service';

const agent = { id: 'agent-1', role: 'agent' as const };
type Document = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: { schemas: Record<string, object> };
};

/**
 * The response schemas of the OpenAPI document against real answers of a desk with a ticket
 * that has been through its lifecycle: every read route, as an agent and as the customer. A
 * schema that says less or other than the answer (a missing member, a wrong type or enum value)
 * fails here, where a fuzzer rarely builds such data.
 */
describe('the documented response schemas (standalone)', () => {
  let dataDir: string;
  let desk: TestApp;
  let validatorOf: (method: string, path: string) => ValidateFunction;
  const ids: Record<string, string> = {};
  let customer: { id: string; role: 'customer_admin'; organisationId: string };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'schemas-'));
    desk = await startTestApp(standaloneService, { DATA_DIR: dataDir });
    const document = (await desk.as(agent).get('/docs/openapi.json').expect(200)).body as Document;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'openapi', components: document.components });
    validatorOf = (method, path) => {
      const schema = document.paths[path][method].responses['200'].content!['application/json'].schema;
      return ajv.compile(
        JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')),
      );
    };

    const organisation = await registerOrganisation(desk);
    ids.organisation = organisation.id;
    customer = organisation.administrator as typeof customer;
    ids.contact = customer.id;
    const ticket = await desk
      .as(customer)
      .post('/tickets')
      .send({ kind: 'error', subject: 'Export stops', description: 'At 50%', details: { impact: 'Finance' } })
      .expect(201);
    ids.ticket = ticket.body.id;
    const as = desk.as(agent);
    await as.post(`/tickets/${ids.ticket}/triage`).send({ priority: 'P2' }).expect(200);
    await as.post(`/tickets/${ids.ticket}/assignment`).send({ assigneeId: 'agent-1' }).expect(200);
    await as
      .post(`/tickets/${ids.ticket}/comments`)
      .send({ body: 'Looking', visibility: 'public' })
      .expect(200);
    await as
      .post(`/tickets/${ids.ticket}/comments`)
      .send({ body: 'Note', visibility: 'internal' })
      .expect(200);
    await as.post(`/tickets/${ids.ticket}/participants`).send({ email: 'it@zorg.example' }).expect(200);
    await as.post(`/tickets/${ids.ticket}/priority`).send({ priority: 'P1', reason: 'Everyone' }).expect(200);
    await as.post(`/tickets/${ids.ticket}/start`).expect(200);
    const plannedDate = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    ids.release = (await as.post('/releases').send({ version: '9.9.0', plannedDate }).expect(201)).body.id;
    // The SLA monitor and notifications learn of the ticket by its events.
    await eventually(
      async () => (await as.get(`/sla/tickets/${ids.ticket}`)).status,
      (status) => status === 200,
    );
    await eventually(
      async () => (await as.get(`/notifications?ticket=${ids.ticket}`)).body.items.length,
      (count) => count > 0,
    );
    ids.notification = (await as.get(`/notifications?ticket=${ids.ticket}`)).body.items[0].id;
  }, 120_000);
  afterAll(async () => {
    await desk?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const expectConforms = async (who: Parameters<TestApp['as']>[0], url: string, route: string) => {
    const response = await desk.as(who).get(url).expect(200);
    const validate = validatorOf('get', route);
    const valid = validate(response.body);
    expect({ route, errors: valid ? [] : validate.errors }).toEqual({ route, errors: [] });
    return response.body;
  };

  it('answers every read route of a ticket as its schema says, to agents and to the customer', async () => {
    for (const who of [agent, customer]) {
      const page = await expectConforms(who, '/tickets', '/tickets');
      expect(page.items.length).toBe(1);
      const ticket = await expectConforms(who, `/tickets/${ids.ticket}`, '/tickets/{id}');
      expect(ticket.comments.length).toBe(who === agent ? 2 : 1);
      expect(ticket.priority).toBe('P1');
      await expectConforms(who, `/tickets/${ids.ticket}/history`, '/tickets/{id}/history');
      const clocks = await expectConforms(who, `/sla/tickets/${ids.ticket}`, '/sla/tickets/{id}');
      expect(clocks.clocks.length).toBeGreaterThan(0);
    }
    const past = new Date(Date.now() - 86_400_000).toISOString();
    const future = new Date(Date.now() + 86_400_000).toISOString();
    await expectConforms(agent, '/sla/board', '/sla/board');
    const report = await expectConforms(
      agent,
      `/sla/reports/compliance?from=${past}&to=${future}`,
      '/sla/reports/compliance',
    );
    expect(report.tickets).toBe(1);
  });

  it('answers organisations, contacts, releases, notifications and the mail log as their schemas say', async () => {
    for (const who of [agent, customer]) {
      await expectConforms(who, '/organisations', '/organisations');
      await expectConforms(who, `/organisations/${ids.organisation}`, '/organisations/{id}');
      const contacts = await expectConforms(
        who,
        `/organisations/${ids.organisation}/contacts`,
        '/organisations/{id}/contacts',
      );
      expect(contacts.length).toBe(1);
      await expectConforms(who, `/contacts/${ids.contact}`, '/contacts/{id}');
      await expectConforms(who, '/releases', '/releases');
      await expectConforms(who, `/releases/${ids.release}`, '/releases/{id}');
    }
    const notifications = await expectConforms(agent, '/notifications', '/notifications');
    expect(notifications.items.length).toBeGreaterThan(0);
    await expectConforms(agent, `/notifications/${ids.notification}`, '/notifications/{id}');
    await expectConforms(agent, '/mail/inbound', '/mail/inbound');
  });
});
