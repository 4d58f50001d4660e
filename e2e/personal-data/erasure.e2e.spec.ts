import { eventually, type TestPrincipal } from '@helpdesk/testing';
import { type OrganisationView, toView } from '@helpdesk/read-models';
import { randomUUID } from 'node:crypto';
import type { Stack } from '../../deploy/local/stack/stack';
import { agent, call } from '../operations/support/desk-client';
import {
  killAndReplace,
  liveWithin,
  processOf,
  startTestStack,
  stopTestStack,
} from '../operations/support/test-stack';
import { eventsTables, everyTopicMessage, logLines, matchesOf, mongoDocuments } from './everywhere';

// Unique to this run, so a match can only be this contact's data.
const run = randomUUID().slice(0, 8);
const person = {
  name: `Bram Vergeet-${run}`,
  email: `bram.${run}@zorg-verify.example`,
  phone: `+31 20 ${run}`,
};
const values = [person.name, person.email, person.phone];

describe('erasing a contact leaves no readable copy anywhere (contacts, tickets and notifications as processes, Kafka, PostgreSQL, MongoDB, SMTP)', () => {
  let stack: Stack;
  let organisationId: string;
  let admin: TestPrincipal;
  let bramId: string;
  const contactsUrl = () => processOf(stack, 'contacts').url;
  const ticketsUrl = () => processOf(stack, 'tickets').url;
  const notificationsUrl = () => processOf(stack, 'notifications').url;
  const mongoUrls = () => Object.values(stack.env).map((env) => env.MONGO_URL);
  const ok = async (answer: ReturnType<typeof call>, status: number) => {
    const got = await answer;
    expect(got.status === 'failed' ? got : { status: got.status }).toEqual({ status });
    return got.status === 'failed' ? {} : got.body;
  };
  const ticketsCopyOfBram = async (urls: string[]) => {
    const copies = (await mongoDocuments(urls)).filter(
      (d) => d.startsWith('tickets') && d.includes(organisationId),
    );
    // A document holds its view as JSON text (stored-view.ts): read back as the service reads it.
    return copies
      .map((d) => toView<OrganisationView>(JSON.parse(d.slice(d.indexOf(' ') + 1))).contacts?.[bramId])
      .find(Boolean);
  };

  beforeAll(async () => {
    stack = await startTestStack('gdpr', { services: ['contacts', 'tickets', 'notifications'] });
  }, 180000);
  afterAll(() => stopTestStack(stack), 60000);

  const mailsToBram = async () =>
    ((await ok(call(notificationsUrl(), 'GET', `/notifications?recipient=${bramId}`, agent), 200)).items ??
      []) as Array<{ status: string; recipient: { email: string }; subject: string }>;

  it('registers the contact, files a ticket for them, mails them, erases them, and finds none of their data in clear', async () => {
    const created = await ok(
      call(contactsUrl(), 'POST', '/organisations', agent, {
        name: `Zorg Verify ${run}`,
        slaPolicy: 'restore-time',
        administrator: { name: 'Anna de Vries', email: `anna.${run}@zorg-verify.example`, language: 'nl' },
      }),
      201,
    );
    organisationId = created.id as string;
    admin = { id: created.administratorId as string, role: 'customer_admin', organisationId };
    bramId = (
      await ok(
        call(contactsUrl(), 'POST', `/organisations/${organisationId}/contacts`, admin, {
          ...person,
          language: 'en',
        }),
        201,
      )
    ).id as string;
    await ok(call(contactsUrl(), 'POST', `/contacts/${bramId}/authorisation`, admin), 200);
    const bram: TestPrincipal = { id: bramId, role: 'customer_employee', organisationId };

    // The tickets service learns of Bram over Kafka (opened there with the shared key table).
    await eventually(
      () => ticketsCopyOfBram(mongoUrls()),
      (copy) => copy?.name === person.name && copy?.authorised === true,
      60000,
    );
    await ok(
      call(ticketsUrl(), 'POST', '/tickets', bram, {
        kind: 'question',
        subject: 'Export',
        description: 'How?',
      }),
      201,
    );
    // The notifications service mails Bram (over SMTP) and logs the message with his address.
    const sent = await eventually(mailsToBram, (mails) => mails.some((m) => m.status === 'sent'), 60000);
    expect(sent[0].recipient.email).toBe(person.email);

    await ok(
      call(contactsUrl(), 'POST', `/contacts/${bramId}/erasure`, admin, { reason: 'Asked to be forgotten' }),
      200,
    );
    const erasedCopy = await eventually(
      () => ticketsCopyOfBram(mongoUrls()),
      (copy) => copy?.erased === true,
      60000,
    );
    expect(erasedCopy).toMatchObject({ name: 'erased contact', email: '', active: false, authorised: false });
    const refused = await call(ticketsUrl(), 'POST', '/tickets', bram, {
      kind: 'question',
      subject: 'Again',
      description: '?',
    });
    expect(refused.status).toBe(403);
    // The delivery log forgets him on ContactErased: that a message was sent stays, not to whom.
    const forgotten = await eventually(
      mailsToBram,
      (mails) => mails.every((m) => m.recipient.email === '[erased]'),
      60000,
    );
    expect(forgotten.length).toBeGreaterThanOrEqual(sent.length);
    expect(forgotten[0]).toMatchObject({ status: 'sent', subject: '[erased]' });

    const pg = await eventsTables(Object.values(stack.env).map((env) => env.PG_URL));
    const kafka = await everyTopicMessage(stack.infra.KAFKA_BROKERS);
    const mongo = await mongoDocuments(mongoUrls());
    const logs = logLines(stack.processes.map((p) => p.log));
    // The search looks where the data went: the contact's events, the relay's messages, the copies.
    expect(pg.filter((row) => row.includes(bramId)).length).toBeGreaterThanOrEqual(3);
    expect(kafka.texts.filter((text) => text.includes(bramId)).length).toBeGreaterThanOrEqual(3);
    expect(kafka.topics).toContain('helpdesk.contacts.v1');
    expect(mongo.some((d) => d.includes(bramId))).toBe(true);
    expect({
      postgres: matchesOf(pg, values),
      kafka: matchesOf(kafka.texts, values),
      mongodb: matchesOf(mongo, values),
      logs: matchesOf(logs, values),
    }).toEqual({ postgres: [], kafka: [], mongodb: [], logs: [] });
  }, 240000);

  it('a tickets read model rebuilt from the topics after the erasure shows the erased contact', async () => {
    const fresh = `${stack.name}_rebuilt`;
    stack.env.tickets = {
      ...stack.env.tickets,
      MONGO_URL: new URL(fresh, stack.infra.MONGO_URL).toString(),
      KAFKA_GROUP_PREFIX: `${fresh}.`,
      KAFKA_NEW_GROUPS_START_AT: 'beginning',
    };
    const replacement = await killAndReplace(stack, processOf(stack, 'tickets'));
    await liveWithin(replacement, 60000);
    const rebuilt = await eventually(
      () => ticketsCopyOfBram([stack.env.tickets.MONGO_URL]),
      (copy) => copy !== undefined && copy.erased === true,
      90000,
    );
    expect(rebuilt).toMatchObject({ id: bramId, name: 'erased contact', email: '', authorised: false });
    expect(matchesOf(await mongoDocuments([stack.env.tickets.MONGO_URL]), values)).toEqual([]);
  }, 180000);
});
