import { contactSubject, type SealedValue } from '@helpdesk/contracts';
import { openValue } from '@helpdesk/personal-data';
import type { Principal } from '@helpdesk/platform';
import { distributedTestSettings, startTestApp, type TestApp } from '@helpdesk/testing';
import mongoose from 'mongoose';
import { Client } from 'pg';
import { contactsService } from '../src/contacts.service';

const agent: Principal = { id: 'agent-1', role: 'agent' };
const subscriber = { id: 'crm-sync', role: 'system' as const, scopes: ['personal-data:read' as const] };
const bram = { name: 'Bram Pietersen-Gdpr', email: 'bram.gdpr@zorg-pd.example', phone: '+31 20 555 0199' };

describe('personal data in the contacts service (PostgreSQL events, MongoDB read models)', () => {
  let desk: TestApp;
  let settings: Record<string, string>;
  let organisationId: string;
  let admin: Principal;
  let bramId: string;
  let employee: Principal;

  const eventsTable = async () => {
    const client = new Client({ connectionString: settings.PG_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ type: string; data: object }>(
        'select type, data from events order by position',
      );
      return rows;
    } finally {
      await client.end();
    }
  };
  const everyMongoDocument = async () => {
    const connection = await mongoose.createConnection(settings.MONGO_URL).asPromise();
    try {
      const documents: unknown[] = [];
      for (const { name } of await connection.db!.listCollections().toArray())
        documents.push(...(await connection.db!.collection(name).find().toArray()));
      return JSON.stringify(documents);
    } finally {
      await connection.close();
    }
  };

  beforeAll(async () => {
    settings = await distributedTestSettings('contacts_personal_data');
    desk = await startTestApp(contactsService, settings);
    const created = (
      await desk
        .as(agent)
        .post('/organisations')
        .send({
          name: 'Zorg PD',
          slaPolicy: 'restore-time',
          administrator: { name: 'Anna de Vries', email: 'anna@zorg-pd.example', language: 'nl' },
        })
        .expect(201)
    ).body;
    organisationId = created.id;
    admin = { id: created.administratorId, role: 'customer_admin', organisationId };
    bramId = (
      await desk
        .as(admin)
        .post(`/organisations/${organisationId}/contacts`)
        .send({ ...bram, language: 'en' })
        .expect(201)
    ).body.id;
    employee = { id: bramId, role: 'customer_employee', organisationId };
  });
  afterAll(() => desk?.close());

  it('stores name, e-mail and phone sealed under the contact key, and shows them in clear', async () => {
    const rows = await eventsTable();
    expect(JSON.stringify(rows)).not.toMatch(/Pietersen|bram\.gdpr|555 0199/);
    const added = rows.find((r) => r.type === 'ContactAdded' && JSON.stringify(r.data).includes(bramId))!;
    expect((added.data as { contact: { name: SealedValue } }).contact.name).toMatchObject({
      pii: 1,
      subject: contactSubject(bramId),
    });
    const contact = (await desk.as(admin).get(`/contacts/${bramId}`).expect(200)).body;
    expect(contact).toMatchObject({ name: bram.name, email: bram.email, phone: bram.phone });
  });

  it('gives the key to a subscriber with personal-data:read, which opens the stored envelope', async () => {
    const { body } = await desk.as(subscriber).get(`/personal-data/keys/contact:${bramId}`).expect(200);
    expect(body).toEqual({
      subject: contactSubject(bramId),
      algorithm: 'AES-256-GCM',
      key: expect.any(String),
    });
    const added = (await eventsTable()).find(
      (r) => r.type === 'ContactAdded' && JSON.stringify(r.data).includes(bramId),
    )!;
    const sealedEmail = (added.data as { contact: { email: SealedValue } }).contact.email;
    expect(openValue(Buffer.from(body.key, 'base64'), sealedEmail)).toBe(bram.email);
  });

  it('refuses the key to anyone without the scope, agents included, and names a malformed subject', async () => {
    const refused = await desk.as(agent).get(`/personal-data/keys/contact:${bramId}`).expect(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toMatch(/personal-data:read/);
    await desk
      .as({ id: 'other', role: 'system', scopes: ['contacts:read'] })
      .get(`/personal-data/keys/contact:${bramId}`)
      .expect(403);
    const malformed = await desk.as(subscriber).get('/personal-data/keys/no-kind').expect(400);
    expect(malformed.body.errors).toEqual([
      { field: 'subject', reason: expect.stringMatching(/personal-data subject/) },
    ]);
    await desk.as(subscriber).get('/personal-data/keys/contact:never-keyed').expect(404);
  });

  it('exports what it holds to the person, their administrator and agents, no one else', async () => {
    const own = (await desk.as(employee).get(`/contacts/${bramId}/personal-data`).expect(200)).body;
    expect(own).toMatchObject({
      subject: contactSubject(bramId),
      contact: {
        id: bramId,
        name: bram.name,
        email: bram.email,
        phone: bram.phone,
        organisationId,
        revision: 2,
      },
      organisation: { id: organisationId, name: 'Zorg PD' },
    });
    expect(own.history.map((h: { type: string }) => h.type)).toEqual(['ContactAdded']);
    expect(own.history[0].data.contact).toMatchObject({ name: bram.name, email: bram.email });
    expect(own.elsewhere.map((e: { service: string }) => e.service)).toEqual(['tickets', 'notifications']);
    await desk.as(admin).get(`/contacts/${bramId}/personal-data`).expect(200);
    await desk.as(agent).get(`/contacts/${bramId}/personal-data`).expect(200);
    await desk
      .as({ id: 'c-x', role: 'customer_employee', organisationId })
      .get(`/contacts/${bramId}/personal-data`)
      .expect(404);
    await desk.as({ id: 'sys', role: 'system' }).get(`/contacts/${bramId}/personal-data`).expect(403);
  });

  it('refuses an erasure by the contact themselves, without a reason, or of the last administrator', async () => {
    await desk.as(employee).post(`/contacts/${bramId}/erasure`).send({ reason: 'me' }).expect(403);
    const noReason = await desk.as(admin).post(`/contacts/${bramId}/erasure`).send({}).expect(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    const last = await desk
      .as(agent)
      .post(`/contacts/${admin.id}/erasure`)
      .send({ reason: 'asked' })
      .expect(409);
    expect(last.body.type).toMatch(/last-administrator/);
    expect((await eventsTable()).some((r) => r.type === 'ContactErased')).toBe(false);
  });

  it('erases: the key is gone, the contact shows as erased everywhere, nothing readable remains, twice is once', async () => {
    const erased = await desk
      .as(admin)
      .post(`/contacts/${bramId}/erasure`)
      .send({ reason: 'Erasure requested by the person' })
      .expect(200);
    expect(erased.body.events).toEqual(['ContactErased']);
    const again = await desk
      .as(admin)
      .post(`/contacts/${bramId}/erasure`)
      .send({ reason: 'again' })
      .expect(200);
    expect(again.body.events).toEqual([]);

    const contact = (await desk.as(admin).get(`/contacts/${bramId}`).expect(200)).body;
    expect(contact).toMatchObject({
      name: 'erased contact',
      email: '',
      erased: true,
      active: false,
      authorised: false,
    });
    expect(contact).not.toHaveProperty('phone');
    const gone = await desk.as(subscriber).get(`/personal-data/keys/contact:${bramId}`).expect(410);
    expect(gone.body.type).toMatch(/personal-data-erased/);
    await desk.as(admin).post(`/contacts/${bramId}/authorisation`).expect(409);

    const rows = await eventsTable();
    const record = rows.find((r) => r.type === 'ContactErased')!;
    expect(record.data).toMatchObject({
      by: admin.id,
      contactId: bramId,
      reason: 'Erasure requested by the person',
    });
    const everything = JSON.stringify(rows) + (await everyMongoDocument());
    for (const value of [bram.name, bram.email, bram.phone]) expect(everything).not.toContain(value);
  });
});
