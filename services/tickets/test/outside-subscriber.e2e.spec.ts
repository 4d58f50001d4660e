// A system outside the desk that subscribes to ticket events, written only from the published
// AsyncAPI document: plain kafkajs and a JSON Schema validator, no project code on its side.
// The desk side is the real tickets service (PostgreSQL events, MongoDB read models, Kafka).
import { requireInfra, type TestApp } from '@helpdesk/testing';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Kafka, logLevel } from 'kafkajs';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { aTicket, agent, reporter, startTickets } from './people';

const asyncapi = JSON.parse(readFileSync('libs/contracts/asyncapi.json', 'utf8'));
const topic = asyncapi.channels['helpdesk.tickets.v1'].address as string;

/** The subscriber's own validator: a message's payload schema, chosen by its CloudEvents type. */
const validateMessage = (() => {
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  ajv.addSchema(asyncapi, 'asyncapi');
  return (message: { type: string }) => {
    if (!asyncapi.components.messages[message.type]) return [`unknown type ${message.type}`];
    const validate = ajv.getSchema(`asyncapi#/components/messages/${message.type}/payload`)!;
    return validate(message) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`);
  };
})();

interface Received {
  id: string;
  key: string;
  type: string;
  subject: string;
  sequence: number;
  problems: string[];
  traceparent: string;
  data: Record<string, unknown>;
}

describe('an outside subscriber of helpdesk.tickets.v1', () => {
  let desk: TestApp;
  const received: Received[] = [];
  const kafka = new Kafka({
    clientId: 'outside-subscriber',
    brokers: requireInfra('KAFKA_BROKERS').split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `outside-${randomUUID()}` });

  beforeAll(async () => {
    desk = await startTickets('tickets_outside');
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(String(message.value));
        received.push({
          id: event.id,
          key: String(message.key),
          type: event.type,
          subject: event.subject,
          sequence: Number(event.sequence),
          problems: validateMessage(event),
          traceparent: String(message.headers?.traceparent ?? ''),
          data: event.data,
        });
      },
    });
  });
  afterAll(async () => {
    await consumer.disconnect();
    await desk.close();
  });

  const until = async (condition: () => boolean, what: string) => {
    const deadline = Date.now() + 30000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('receives every change of every ticket, valid against the schemas, in order per ticket', async () => {
    const tickets: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = (await desk.as(reporter).post('/tickets').send(aTicket).expect(201)).body;
      tickets.push(id);
      const step = (path: string, body: object = {}) =>
        desk.as(agent).post(`/tickets/${id}/${path}`).send(body).expect(200);
      await step('triage', { priority: 'P2' });
      await step('comments', { body: 'Looking into it', visibility: 'public' });
      await step('comments', { body: 'Probably the exporter', visibility: 'internal' });
      await step('start');
      await step('resolve', { resolution: 'Fixed the export job' });
    }
    const history = async (id: string) =>
      (await desk.as(agent).get(`/tickets/${id}/history`).expect(200)).body as Array<{ revision: number }>;
    const expected = await Promise.all(tickets.map(history));
    const mine = () => received.filter((r) => tickets.includes(r.subject));
    await until(() => mine().length >= expected.flat().length, 'every event of the three tickets');

    for (const [i, id] of tickets.entries()) {
      const ofTicket = mine().filter((r) => r.subject === id);
      expect(ofTicket.map((r) => r.sequence)).toEqual(expected[i].map((e) => e.revision));
      expect(ofTicket.every((r) => r.key === id)).toBe(true);
    }
    expect(mine().flatMap((r) => r.problems)).toEqual([]);
    expect(new Set(mine().map((r) => r.type))).toEqual(
      new Set([
        'helpdesk.ticket.registered.v2',
        'helpdesk.ticket.triaged.v1',
        'helpdesk.ticket.comment-added.v2',
        'helpdesk.ticket.work-started.v1',
        'helpdesk.ticket.resolved.v1',
      ]),
    );
    // Untraced (no OpenTelemetry SDK here), the relay makes no trace context up.
    expect(mine().filter((r) => r.traceparent !== '')).toEqual([]);
  });

  // AttachmentAdded is at v2 (`sizeBytes`); a subscriber written against v1 reads only `.v1`
  // types, so the relay publishes the v1 form beside it (same event id, one event).
  it('still gives a subscriber that reads only .v1 every attachment, in the v1 form', async () => {
    const { id } = (await desk.as(reporter).post('/tickets').send(aTicket).expect(201)).body;
    const log = Buffer.from('the export stopped at 50%\n');
    const { attachmentId } = (
      await desk
        .as(reporter)
        .post(`/tickets/${id}/attachments`)
        .attach('file', log, { filename: 'export.log', contentType: 'text/plain' })
        .expect(201)
    ).body;
    const attachmentEvents = () =>
      received.filter((r) => r.subject === id && r.type.startsWith('helpdesk.ticket.attachment-added.'));
    await until(() => attachmentEvents().length >= 2, 'both published forms of the attachment');

    const readByV1Subscriber = received.filter((r) => r.subject === id && r.type.endsWith('.v1'));
    const [v1] = readByV1Subscriber.filter((r) => r.type === 'helpdesk.ticket.attachment-added.v1');
    expect(v1.data).toEqual(
      expect.objectContaining({ attachmentId, fileName: 'export.log', size: log.length }),
    );
    expect(v1.data).not.toHaveProperty('sizeBytes');
    expect(readByV1Subscriber.flatMap((r) => r.problems)).toEqual([]);

    const [v2] = attachmentEvents().filter((r) => r.type === 'helpdesk.ticket.attachment-added.v2');
    expect(v2.data).toEqual(expect.objectContaining({ attachmentId, sizeBytes: log.length }));
    expect(v2.problems).toEqual([]);
    // One event in two forms: the same id, key and position in the ticket's history.
    expect([v1.id, v1.key, v1.sequence]).toEqual([v2.id, v2.key, v2.sequence]);
    expect(attachmentEvents()).toHaveLength(2);
  });
});
