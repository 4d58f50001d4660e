import { TOPICS } from '@helpdesk/contracts';
import { eventually } from '@helpdesk/testing';
import type { Stack } from '../../deploy/local/stack/stack';
import { exits, isRunning } from '../../deploy/local/stack/stack-process';
import { agent, call } from './support/desk-client';
import { seedDesk } from './support/desk-seed';
import { allEvents } from './support/event-stores';
import { readTopic } from './support/kafka-inspection';
import { processOf, report, startTestStack, stopTestStack } from './support/test-stack';
import { startThrowawayKafka, type ThrowawayKafka } from './support/throwaway-kafka';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const servicesOf = (stack: Stack) => stack.processes.filter((p) => p.service !== 'smtp-catcher');

/** A broker of the suite's own: fresh for the first test, stopped and started again in the second. */
let kafka: ThrowawayKafka;
beforeAll(async () => {
  kafka = await startThrowawayKafka();
}, 120000);
afterAll(() => kafka?.remove(), 60000);

describe('five services started at the same moment on a fresh broker', () => {
  let stack: Stack | undefined;
  afterAll(() => stopTestStack(stack), 60000);

  it('none exits: each becomes ready, and an organisation reaches the tickets service over it', async () => {
    // No topic exists: every service creates the ones it needs while the others do the same.
    stack = await startTestStack('fresh', { topics: 'services', infra: { KAFKA_BROKERS: kafka.brokers } });
    const started = stack;
    const readyAfter: Record<string, number> = {};
    await Promise.all(
      servicesOf(started).map(async (p) => {
        await eventually(
          () => call(p.url, 'GET', '/health/ready', agent),
          (a) => a.status === 200,
          90000,
        );
        readyAfter[p.id] = Date.now() - p.startedAt;
      }),
    );
    await seedDesk(started);
    await sleep(5000);
    const exited = servicesOf(started)
      .filter((p) => !isRunning(p.pid))
      .map((p) => `${p.id} exited ${JSON.stringify(exits.get(p.pid) ?? {})}`);
    report(
      `fresh broker, five at once: ready after ${JSON.stringify(readyAfter)} ms; exited: ${exited.length}`,
    );
    expect(exited).toEqual([]);
  }, 240000);
});

describe('a service started while Kafka is stopped', () => {
  let stack: Stack | undefined;
  afterAll(() => stopTestStack(stack), 60000);

  it('serves commands, is not ready naming kafka, and once the broker is back relays everything without a gap and turns ready by itself', async () => {
    await kafka.stop();
    stack = await startTestStack('nokafka', {
      services: ['contacts'],
      topics: 'services',
      infra: { KAFKA_BROKERS: kafka.brokers },
    });
    const contacts = processOf(stack, 'contacts');
    report(`contacts started with Kafka stopped: live after ${stack.liveAfterMs[contacts.id]} ms`);
    const register = async (name: string) => {
      const answer = await call(contacts.url, 'POST', '/organisations', agent, {
        name,
        slaPolicy: 'restore-time',
        administrator: { name: 'Anna de Vries', email: `anna@${name.toLowerCase()}.example`, language: 'nl' },
      });
      expect({ name, status: answer.status }).toEqual({ name, status: 201 });
    };
    for (const name of ['Down1', 'Down2', 'Down3']) await register(name);

    const ready = await call(contacts.url, 'GET', '/health/ready', agent);
    expect(ready.status).toBe(503);
    expect(JSON.stringify(ready.status === 'failed' ? {} : ready.body)).toMatch(/kafka/i);

    const back = Date.now();
    await kafka.start();
    await eventually(
      () => call(contacts.url, 'GET', '/health/ready', agent),
      (a) => a.status === 200,
      90000,
    );
    report(
      `contacts ready ${Date.now() - back} ms after the broker was started again (broker start included)`,
    );
    for (const name of ['Back1', 'Back2']) await register(name);

    // The topic holds every stored event, each stream's in order and without a gap.
    const stored = (await allEvents(stack.env.contacts.PG_URL)).filter((e) =>
      e.streamId.startsWith('organisation-'),
    );
    const sequences = await eventually(
      async () => {
        const perSubject = new Map<string, number[]>();
        for (const m of await readTopic(kafka.brokers, TOPICS.contacts))
          perSubject.set(m.subject, [...(perSubject.get(m.subject) ?? []), m.sequence]);
        return perSubject;
      },
      (perSubject) =>
        stored.every((e) => perSubject.get(e.streamId.slice('organisation-'.length))?.includes(e.revision)),
      90000,
    );
    const expected = new Map<string, number[]>();
    for (const e of stored) {
      const subject = e.streamId.slice('organisation-'.length);
      expected.set(subject, [...(expected.get(subject) ?? []), e.revision]);
    }
    for (const [subject, revisions] of expected)
      // At least once: a page may be sent again after a failure, never out of order or with a hole.
      expect({ subject, relayed: [...new Set(sequences.get(subject))] }).toEqual({
        subject,
        relayed: revisions,
      });
    expect(expected.size).toBe(5);
  }, 300000);
});
