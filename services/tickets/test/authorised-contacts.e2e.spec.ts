import type { Principal } from '@helpdesk/platform';
import { distributedTestSettings, registerOrganisation, startTestApp, type TestApp } from '@helpdesk/testing';
import { eventually } from '@helpdesk/test-infra';
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
const statusOnceCopied = async (attempt: () => PromiseLike<{ status: number }>, expected: number) =>
  (await eventually(attempt, (response) => response.status === expected, 20000)).status;

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
    expect(await statusOnceCopied(() => desk.as(admin).post('/tickets').send(aTicket), 201)).toBe(201);
    // Bram's own contact event may come a moment after the administrator's: until it does, the
    // refusal can only name him by id.
    const refused = await eventually(
      file,
      (response) => /Bram Jansen/.test(response.body.detail ?? ''),
      20000,
    );
    expect(refused.status).toBe(403);
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
    expect(await statusOnceCopied(file, 201)).toBe(201);

    await desk.as(admin).post(`/contacts/${bram.id}/deactivation`).expect(200);
    expect(await statusOnceCopied(file, 403)).toBe(403);
  });
});
