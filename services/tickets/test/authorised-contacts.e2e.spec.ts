import type { Principal } from '@helpdesk/platform';
import { distributedTestSettings, registerOrganisation, startTestApp, type TestApp } from '@helpdesk/testing';
import { contactsService } from '../../contacts/src/contacts.service';
import { ticketsService } from '../src/tickets.service';
import { aTicket, agent } from './people';

/** Contacts and tickets as two services would run them, talking only through helpdesk.contacts.v1. */
const contactsAndTickets = {
  ...ticketsService,
  name: 'contacts-and-tickets',
  features: [...contactsService.features, ...ticketsService.features],
};

/** Tries until the tickets service's copy of the directory caught up with the contacts service. */
const eventually = async (attempt: () => Promise<number>, expected: number) => {
  const deadline = Date.now() + 20000;
  let status = await attempt();
  while (status !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    status = await attempt();
  }
  return status;
};

describe('only authorised contacts have tickets filed for them (contacts -> Kafka -> tickets)', () => {
  let desk: TestApp;
  beforeAll(
    async () =>
      (desk = await startTestApp(contactsAndTickets, await distributedTestSettings('authorised_contacts'))),
  );
  afterAll(() => desk.close());

  it('refuses an unauthorised contact naming the administrators, accepts them once authorised, refuses them once revoked', async () => {
    const { id: organisationId, administrator: admin } = await registerOrganisation(desk);
    const organisation = { id: organisationId };
    const bram = (
      await desk
        .as(admin)
        .post(`/organisations/${organisation.id}/contacts`)
        .send({ name: 'Bram Jansen', email: 'bram@zorg.example', language: 'en' })
        .expect(201)
    ).body;
    const employee: Principal = { id: bram.id, role: 'customer_employee', organisationId: organisation.id };
    const file = () => desk.as(employee).post('/tickets').send(aTicket);

    // The administrator can file as soon as the directory knows the organisation.
    expect(
      await eventually(async () => (await desk.as(admin).post('/tickets').send(aTicket)).status, 201),
    ).toBe(201);
    const refused = await file().expect(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toMatch(/Bram Jansen is not authorised .* Anna de Vries <anna@zorg.example>/);
    expect(refused.body.administrators).toEqual([
      { id: admin.id, name: 'Anna de Vries', email: 'anna@zorg.example' },
    ]);
    // An agent taking Bram's phone call is held to the same rule.
    await desk
      .as(agent)
      .post('/tickets')
      .send({ ...aTicket, channel: 'phone', organisationId: organisation.id, reporterId: bram.id })
      .expect(403);

    await desk.as(admin).post(`/contacts/${bram.id}/authorisation`).expect(200);
    expect(await eventually(async () => (await file()).status, 201)).toBe(201);

    await desk.as(admin).post(`/contacts/${bram.id}/deactivation`).expect(200);
    expect(await eventually(async () => (await file()).status, 403)).toBe(403);
  });
});
