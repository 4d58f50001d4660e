import type { Principal } from '@helpdesk/platform';
import { distributedTestSettings, startTestApp, type TestApp } from '@helpdesk/testing';
import { contactsService } from '../src/contacts.service';

const agent: Principal = { id: 'agent-1', role: 'agent' };

const anOrganisation = (name: string) => ({
  name,
  slaPolicy: 'restore-time',
  language: 'nl',
  administrator: { name: 'Anna de Vries', email: `anna@${name.toLowerCase()}.example`, language: 'nl' },
});

describe('contacts over HTTP (PostgreSQL event store, MongoDB read models)', () => {
  let desk: TestApp;
  beforeAll(
    async () => (desk = await startTestApp(contactsService, await distributedTestSettings('contacts_api'))),
  );
  afterAll(() => desk.close());

  /** An organisation with its administrator and one employee, and tokens for both. */
  const register = async (name: string) => {
    const created = (await desk.as(agent).post('/organisations').send(anOrganisation(name)).expect(201)).body;
    const admin: Principal = {
      id: created.administratorId,
      role: 'customer_admin',
      organisationId: created.id,
    };
    const employee = (
      await desk
        .as(admin)
        .post(`/organisations/${created.id}/contacts`)
        .send({ name: 'Bram Jansen', email: `bram@${name.toLowerCase()}.example`, language: 'en' })
        .expect(201)
    ).body;
    const employeePrincipal: Principal = {
      id: employee.id,
      role: 'customer_employee',
      organisationId: created.id,
    };
    return { id: created.id as string, admin, employee: employeePrincipal };
  };

  it('registers an organisation with its first administrator, authorised', async () => {
    const { id, admin } = await register('Zorg');
    const organisation = (await desk.as(agent).get(`/organisations/${id}`).expect(200)).body;
    expect(organisation).toMatchObject({
      id,
      name: 'Zorg',
      timeZone: 'Europe/Amsterdam',
      slaPolicy: 'restore-time',
      status: 'active',
      administrators: [{ id: admin.id, name: 'Anna de Vries', email: 'anna@zorg.example' }],
    });
    const contacts = (await desk.as(admin).get(`/organisations/${id}/contacts`).expect(200)).body;
    expect(contacts.map((c: { name: string; authorised: boolean }) => [c.name, c.authorised])).toEqual([
      ['Anna de Vries', true],
      ['Bram Jansen', false],
    ]);
  });

  it('lets an administrator authorise, revoke, and deactivate a contact; each change is recorded', async () => {
    const { admin, employee } = await register('Authorise');
    const contact = () => desk.as(admin).get(`/contacts/${employee.id}`).expect(200);
    await desk.as(admin).post(`/contacts/${employee.id}/authorisation`).expect(200);
    expect((await contact()).body).toMatchObject({ authorised: true, active: true });
    await desk
      .as(admin)
      .delete(`/contacts/${employee.id}/authorisation`)
      .send({ reason: 'moved' })
      .expect(200);
    expect((await contact()).body).toMatchObject({ authorised: false });
    await desk.as(admin).post(`/contacts/${employee.id}/authorisation`).expect(200);
    await desk.as(admin).post(`/contacts/${employee.id}/deactivation`).expect(200);
    // Deactivated contacts lose their authorisation with it.
    expect((await contact()).body).toMatchObject({ authorised: false, active: false });
  });

  it('keeps at least one active administrator', async () => {
    const { admin } = await register('LastAdmin');
    const problem = (await desk.as(admin).post(`/contacts/${admin.id}/deactivation`).expect(409)).body;
    expect(problem.detail).toMatch(/at least one active administrator/);
  });

  it('keeps e-mail addresses unique among active contacts', async () => {
    const { id, admin } = await register('Unique');
    const problem = (
      await desk
        .as(admin)
        .post(`/organisations/${id}/contacts`)
        .send({ name: 'Someone', email: 'ANNA@unique.example', language: 'en' })
        .expect(409)
    ).body;
    expect(problem.detail).toMatch(/anna@unique.example already belongs to/);
  });

  it('lets administrators change details but not their contract; agents change both', async () => {
    const { id, admin } = await register('Contract');
    await desk.as(admin).patch(`/organisations/${id}`).send({ name: 'Contract BV' }).expect(200);
    await desk.as(admin).patch(`/organisations/${id}`).send({ slaPolicy: 'response-time' }).expect(403);
    await desk.as(agent).patch(`/organisations/${id}`).send({ slaPolicy: 'response-time' }).expect(200);
    expect((await desk.as(agent).get(`/organisations/${id}`).expect(200)).body).toMatchObject({
      name: 'Contract BV',
      slaPolicy: 'response-time',
    });
  });

  it('gives employees a summary of their organisation and their own record only', async () => {
    const { id, employee, admin } = await register('Summary');
    const summary = (await desk.as(employee).get(`/organisations/${id}`).expect(200)).body;
    expect(summary).toEqual({
      id,
      name: 'Summary',
      status: 'active',
      administrators: [{ name: 'Anna de Vries', email: 'anna@summary.example' }],
    });
    // The list shows the same caller exactly what the detail route does: no calendar, time zone, ...
    const listed = (await desk.as(employee).get('/organisations').expect(200)).body.items;
    expect(listed).toEqual([summary]);
    await desk.as(employee).get(`/organisations/${id}/contacts`).expect(403);
    await desk.as(employee).get(`/contacts/${employee.id}`).expect(200);
    await desk.as(employee).get(`/contacts/${admin.id}`).expect(404);
    const refused = (await desk.as(employee).post(`/contacts/${employee.id}/authorisation`).expect(403)).body;
    expect(refused.administrators).toEqual([
      { id: admin.id, name: 'Anna de Vries', email: 'anna@summary.example' },
    ]);
  });

  it('answers 412 to a stale If-Match and writes nothing', async () => {
    const { id, admin } = await register('Stale');
    const seen = await desk.as(agent).get(`/organisations/${id}`).expect(200);
    await desk.as(admin).patch(`/organisations/${id}`).send({ name: 'Stale 2' }).expect(200);
    await desk
      .as(agent)
      .patch(`/organisations/${id}`)
      .set('If-Match', `"${seen.body.revision}"`)
      .send({ name: 'Stale 3' })
      .expect(412);
    expect((await desk.as(agent).get(`/organisations/${id}`).expect(200)).body.name).toBe('Stale 2');
  });

  it('lists organisations for agents; customers only their own', async () => {
    const { id, admin } = await register('Listed');
    const all = (await desk.as(agent).get('/organisations?q=listed').expect(200)).body;
    expect(all.items.map((o: { id: string }) => o.id)).toContain(id);
    const own = (await desk.as(admin).get('/organisations').expect(200)).body;
    expect(own.items).toEqual([(await desk.as(admin).get(`/organisations/${id}`).expect(200)).body]);
    const seen = all.items.find((o: { id: string }) => o.id === id);
    expect(seen).toEqual((await desk.as(agent).get(`/organisations/${id}`).expect(200)).body);
  });

  describe('a customer of organisation A and anything of organisation B', () => {
    let a: Awaited<ReturnType<typeof register>>;
    let b: Awaited<ReturnType<typeof register>>;
    beforeAll(async () => {
      a = await register('Alpha');
      b = await register('Beta');
    });

    const rename = { name: 'Hijacked' };
    const newcomer = { name: 'Mallory', email: 'mallory@alpha.example', language: 'en' };
    it.each([
      ['get', () => `/organisations/${b.id}`, undefined],
      ['patch', () => `/organisations/${b.id}`, rename],
      ['post', () => `/organisations/${b.id}/contacts`, newcomer],
      ['get', () => `/organisations/${b.id}/contacts`, undefined],
      ['get', () => `/contacts/${b.employee.id}`, undefined],
      ['patch', () => `/contacts/${b.employee.id}`, rename],
      ['post', () => `/contacts/${b.employee.id}/authorisation`, {}],
      ['delete', () => `/contacts/${b.employee.id}/authorisation`, {}],
      ['post', () => `/contacts/${b.employee.id}/deactivation`, {}],
      ['post', () => `/contacts/${b.employee.id}/reactivation`, {}],
    ] as const)('%s %s answers 404 and changes nothing', async (method, path, body) => {
      for (const who of [a.admin, a.employee]) {
        const response = await desk.as(who)[method](path()).send(body);
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      const contacts = (await desk.as(agent).get(`/organisations/${b.id}/contacts`).expect(200)).body;
      expect(contacts.map((c: { name: string }) => c.name).sort()).toEqual(['Anna de Vries', 'Bram Jansen']);
      expect((await desk.as(agent).get(`/organisations/${b.id}`).expect(200)).body.name).toBe('Beta');
    });
  });

  describe('bad input', () => {
    it.each([
      [{ ...anOrganisation('X'), extra: 1 }, 'extra'],
      [{ ...anOrganisation('X'), name: 42 }, 'name'],
      [{ ...anOrganisation('X'), name: 'x'.repeat(201) }, 'name'],
      [
        { ...anOrganisation('X'), administrator: { name: 'A', email: 'not-an-address', language: 'nl' } },
        'administrator.email',
      ],
      [
        { ...anOrganisation('X'), administrator: { name: 'A', email: 'a@x.example', language: 'de' } },
        'administrator.language',
      ],
      [{ ...anOrganisation('X'), language: 'fr' }, 'language'],
    ])('refuses %j naming %s', async (body, field) => {
      const problem = (await desk.as(agent).post('/organisations').send(body).expect(400)).body;
      expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('refuses an unknown time zone with the reason, and writes nothing', async () => {
      const before = (await desk.as(agent).get('/organisations?q=Atlantis').expect(200)).body.items;
      const problem = (
        await desk
          .as(agent)
          .post('/organisations')
          .send({ ...anOrganisation('Atlantis'), timeZone: 'Europe/Atlantis' })
          .expect(422)
      ).body;
      expect(problem.detail).toMatch(/Europe\/Atlantis is not an IANA time zone/);
      expect(problem.errors).toEqual([
        { field: 'timeZone', reason: 'Europe/Atlantis is not an IANA time zone.' },
      ]);
      expect((await desk.as(agent).get('/organisations?q=Atlantis').expect(200)).body.items).toEqual(before);
    });

    it('refuses registration by a customer', async () => {
      const { admin } = await register('NotAgent');
      await desk.as(admin).post('/organisations').send(anOrganisation('Mine')).expect(403);
    });

    it('answers 404 for unknown ids', async () => {
      await desk.as(agent).get('/organisations/7d3c7a52-5b8e-4a55-9f0e-0d6c7f1c2b3a').expect(404);
      await desk.as(agent).get('/contacts/7d3c7a52-5b8e-4a55-9f0e-0d6c7f1c2b3a').expect(404);
      await desk.as(agent).post('/contacts/7d3c7a52-5b8e-4a55-9f0e-0d6c7f1c2b3a/authorisation').expect(404);
    });
  });
});
