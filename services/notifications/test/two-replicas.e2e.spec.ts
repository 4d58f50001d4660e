import { cloudEventType, schemaUrn, SLA_EVENTS, topicContract, TOPICS } from '@helpdesk/contracts';
import type { Principal } from '@helpdesk/platform';
import {
  distributedTestSettings,
  registerOrganisation,
  requireInfra,
  startTestApp,
  type TestApp,
} from '@helpdesk/testing';
import { Kafka, logLevel } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { contactsService } from '../../contacts/src/contacts.service';
import { ticketsService } from '../../tickets/src/tickets.service';
import { MessageDispatcher } from '../src/application/message-dispatcher';
import { notificationsService } from '../src/notifications.service';
import { eventually } from './desk';
import { type SmtpCatcher, startSmtpCatcher } from '@helpdesk/test-infra';

/** The desk's HTTP services and notifications in one process; the test runs two of them. */
const replica = {
  ...notificationsService,
  name: 'desk-replica',
  features: [...contactsService.features, ...ticketsService.features, ...notificationsService.features],
};

const ROUNDS = 8;
const agent: Principal = { id: 'agent-7', role: 'agent' };
const LEAD = 'support-lead@vendor.example';

/** Every checkpoint of the shared read store, as often as it can be read: how each one moved. */
const watchCheckpoints = (connection: Connection) => {
  const last = new Map<string, bigint>();
  let backward = 0;
  let reads = 0;
  let watching = true;
  const done = (async () => {
    while (watching) {
      const stored = await connection
        .collection<{ _id: string; position: string }>('projection_checkpoints')
        .find({})
        .toArray();
      reads++;
      for (const { _id, position } of stored) {
        const now = BigInt(position);
        const before = last.get(_id);
        if (before !== undefined && now < before) backward++;
        last.set(_id, now);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    stop: async () => {
      watching = false;
      await done;
      return { backward, reads, checkpoints: last.size };
    },
  };
};

describe('two replicas of the desk on one event store, MongoDB and Kafka, under a bounded load', () => {
  let smtp: SmtpCatcher;
  let first: TestApp;
  let second: TestApp;
  let mongo: Connection;
  const kafka = new Kafka({
    clientId: 'two-replicas',
    brokers: [requireInfra('KAFKA_BROKERS')],
    logLevel: logLevel.WARN,
  });

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    const settings: Record<string, string> = {
      ...(await distributedTestSettings('two_replicas')),
      SMTP_URL: smtp.url,
      DELIVERY_POLL_MS: '300',
      READ_YOUR_WRITES_MS: '3000',
      PARK_MAX_MS: '60000',
    };
    first = await startTestApp(replica, settings);
    second = await startTestApp(replica, settings);
    // Sending runs on one replica (as under a lease): two dispatchers both send a message whose
    // attempt the other has not finished, taking it for one a crash interrupted.
    await second.app.get(MessageDispatcher).beforeApplicationShutdown();
    mongo = await mongoose.createConnection(settings.MONGO_URL).asPromise();
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await mongo?.close();
    await smtp?.close();
  });

  it('misses no write on the other replica, mails every SLA alert once, and never moves a checkpoint back', async () => {
    const checkpoints = watchCheckpoints(mongo);
    const { id: organisationId, administrator } = await registerOrganisation(first, 'Tweelingen');
    // The tickets directory hears of the organisation over Kafka: filing waits until it has.
    await eventually(
      async () => (await first.as(administrator).post('/tickets').send(aTicket('first'))).status,
      (status) => status === 201,
    );
    const producer = kafka.producer();
    await producer.connect();
    let listMisses = 0;
    let contactMisses = 0;
    const numbers: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [writer, reader] = round % 2 ? [second, first] : [first, second];
      // A contact, read back on the other replica.
      const added = await writer
        .as(administrator)
        .post(`/organisations/${organisationId}/contacts`)
        .send({ name: `Contact ${round}`, email: `contact-${round}@tweelingen.example`, language: 'en' })
        .expect(201);
      const contact = await reader
        .as(administrator)
        .get(`/contacts/${added.body.id}`)
        .set('X-Read-After', added.headers['x-write-position']);
      if (contact.status !== 200) contactMisses++;
      // A ticket, listed on the other replica, assigned, then warned about and breached.
      const filed = await writer
        .as(administrator)
        .post('/tickets')
        .send(aTicket(`round ${round}`))
        .expect(201);
      const list = await reader
        .as(agent)
        .get('/tickets?sort=-createdAt&limit=5')
        .set('X-Read-After', filed.headers['x-write-position']);
      if (list.status !== 200 || !list.body.items.some((t: { id: string }) => t.id === filed.body.id))
        listMisses++;
      numbers.push(filed.body.number);
      await reader
        .as(agent)
        .post(`/tickets/${filed.body.id}/assignment`)
        .send({ assigneeId: agent.id })
        .expect(200);
      await producer.send({
        topic: TOPICS.sla,
        messages: ['WarningRaised', 'ClockBreached'].map((name, i) => ({
          key: filed.body.id,
          value: JSON.stringify(slaAlert(name as 'WarningRaised' | 'ClockBreached', filed.body.id, i)),
        })),
      });
    }
    await producer.disconnect();

    const alertsOf = (number: string) =>
      smtp.received.filter(
        (m) => m.subject.startsWith(`[${number}]`) && !m.envelopeTo.includes(administrator.id),
      );
    const recipients = (number: string) =>
      alertsOf(number)
        .flatMap((m) => m.envelopeTo)
        .filter((to) => to === LEAD || to === `${agent.id}@vendor.example`)
        .sort();
    await eventually(
      async () => numbers.map((n) => recipients(n).length),
      (counts) => counts.every((count) => count >= 4),
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500)); // nothing more may come
    const moves = await checkpoints.stop();

    process.stdout.write(
      `two replicas: ${ROUNDS} lists and ${ROUNDS} contact reads after writes on the other replica ` +
        `(${listMisses} + ${contactMisses} missed), ${numbers.length * 2} alerts, ` +
        `${moves.checkpoints} checkpoints read ${moves.reads} times (${moves.backward} moved back)\n`,
    );
    expect({ listMisses, contactMisses }).toEqual({ listMisses: 0, contactMisses: 0 });
    const expected = [`${agent.id}@vendor.example`, `${agent.id}@vendor.example`, LEAD, LEAD];
    const missingOrDoubled = numbers
      .filter((n) => JSON.stringify(recipients(n)) !== JSON.stringify(expected))
      .map((n) => ({ n, to: recipients(n), ids: alertsOf(n).map((m) => `${m.messageId} ${m.envelopeTo}`) }));
    expect(missingOrDoubled).toEqual([]);
    expect(moves.checkpoints).toBeGreaterThan(0);
    expect(moves.backward).toBe(0);
  }, 120_000);
});

const aTicket = (subject: string) => ({
  kind: 'question',
  subject,
  description: 'Under load, two replicas.',
});

/** What the SLA monitor would publish once the ticket is registered and assigned (revision 1). */
const slaAlert = (name: 'WarningRaised' | 'ClockBreached', ticketId: string, sequence: number) => {
  const type = cloudEventType('sla', name);
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: topicContract(TOPICS.sla).source,
    type,
    subject: ticketId,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    dataschema: schemaUrn(type),
    sequence: String(10 + sequence),
    data: { ...SLA_EVENTS[name].example, ticketId, metric: 'resolution', ticketRevision: 1 },
  };
};
