import { TOPICS } from '@helpdesk/contracts';
import { createPostgresEventStore } from '@helpdesk/event-store';
import {
  LEASES,
  type Leases,
  metricsRegistry,
  type Principal,
  type ProjectedReadModel,
} from '@helpdesk/platform';
import type { View } from '@helpdesk/read-models';
import {
  distributedTestSettings,
  eventually,
  requireInfra,
  startTestApp,
  type TestApp,
} from '@helpdesk/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { ContactIndex, OrganisationsReadModel } from '../src/application/contacts-read-models';
import { contactsService } from '../src/contacts.service';

const agent: Principal = { id: 'agent-1', role: 'agent' };
const timing = { LEASE_TTL_MS: '3000', LEASE_RENEW_MS: '500' };
const READ_MODELS = [OrganisationsReadModel, ContactIndex];
const SETTLES_MS = 20000;

/** A replica of the contacts service, counting the documents each of its read models writes. */
const replica = async (settings: Record<string, string>) => {
  const app = await startTestApp(contactsService, settings);
  const writes = new Map<string, number>();
  for (const type of READ_MODELS) {
    const views = app.app.get<ProjectedReadModel<View>>(type).views;
    const put = views.put.bind(views);
    const putMany = views.putMany.bind(views);
    const count = (documents: number) => writes.set(type.name, writes.get(type.name)! + documents);
    writes.set(type.name, 0);
    // The runner writes a page's documents with putMany, and one it lost a race for with put.
    views.put = (view, expected) => {
      count(1);
      return put(view, expected);
    };
    views.putMany = (guarded) => {
      count(guarded.length);
      return putMany(guarded);
    };
  }
  return { app, writes, holder: app.app.get<Leases>(LEASES, { strict: false }).holderId };
};
type Replica = Awaited<ReturnType<typeof replica>>;

/** Who holds each lease, from the process's /metrics gauge (both replicas report into one registry here). */
const leaseHolders = async () => {
  const { values } = await metricsRegistry.getSingleMetric('helpdesk_lease_held')!.get();
  const held = new Map<string, string[]>();
  for (const { value, labels } of values) {
    const [lease, holder] = [String(labels.lease), String(labels.holder)];
    if (value === 1) held.set(lease, [...(held.get(lease) ?? []), holder]);
  }
  return held;
};

describe('two replicas of the contacts service on one event store and one MongoDB', () => {
  const environment = { ...process.env };
  let settings: Record<string, string>;
  let replicas: Replica[] = [];
  const relayed = new Map<string, number>();
  const kafka = new Kafka({
    clientId: 'replicas-test',
    brokers: requireInfra('KAFKA_BROKERS').split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `replicas-${randomUUID()}` });

  beforeAll(async () => {
    settings = { ...(await distributedTestSettings('contacts_replicas')), ...timing };
    replicas = [await replica(settings), await replica(settings)];
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.contacts, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const id = JSON.parse(String(message.value)).id as string;
        relayed.set(id, (relayed.get(id) ?? 0) + 1);
      },
    });
  });
  afterAll(async () => {
    await consumer.disconnect();
    for (const { app } of replicas.reverse()) await app.close();
    // Each replica restores the environment it found on close: the second found the first's settings.
    for (const key of Object.keys(process.env)) if (!(key in environment)) delete process.env[key];
    Object.assign(process.env, environment);
  });

  const register = (via: TestApp, name: string) =>
    via
      .as(agent)
      .post('/organisations')
      .send({
        name,
        slaPolicy: 'restore-time',
        language: 'nl',
        administrator: { name: 'Anna de Vries', email: `anna@${name.toLowerCase()}.example`, language: 'nl' },
      })
      .expect(201);

  /** The ids of every event in the store: what the topic must carry, each once. */
  const storedEventIds = async () => {
    const store = await createPostgresEventStore(settings.PG_URL);
    try {
      return (await store.readAll()).map((event) => event.id);
    } finally {
      await store.close();
    }
  };

  const expectEveryEventRelayedOnce = async () => {
    const ids = await storedEventIds();
    await eventually(
      () => ids.filter((id) => relayed.has(id)).length,
      (count) => count === ids.length,
      SETTLES_MS,
    );
    // Time for a second relay's copies to arrive, were there one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.map((id) => relayed.get(id))).toEqual(ids.map(() => 1));
  };

  const listed = (via: TestApp) =>
    eventually(
      async () => (await via.as(agent).get('/organisations?limit=100').expect(200)).body.items as unknown[],
      (items) => items.length === registered,
      SETTLES_MS,
    );
  let registered = 0;

  it('relays every event once and writes every document from one runner per read model', async () => {
    for (let i = 0; i < 6; i++, registered++) await register(replicas[i % 2].app, `Zorg${i}`);

    await expectEveryEventRelayedOnce();
    for (const { app } of replicas) expect(await listed(app)).toHaveLength(registered);

    for (const { name } of READ_MODELS) {
      const counts = replicas.map(({ writes }) => writes.get(name)!);
      // One replica wrote them all (one organisation and one administrator each), the other none.
      expect(counts.filter((count) => count > 0)).toHaveLength(1);
      expect(Math.max(...counts)).toBeGreaterThanOrEqual(registered);
    }

    const holders = await leaseHolders();
    for (const lease of [
      `relay:${TOPICS.contacts}`,
      'projection:organisations',
      'projection:contact-index',
    ]) {
      expect(holders.get(lease)).toHaveLength(1);
      expect(replicas.map((r) => r.holder)).toContain(holders.get(lease)![0]);
    }
  });

  it('hands the relay and the projections to the other replica when their holder stops', async () => {
    const relayHolder = (await leaseHolders()).get(`relay:${TOPICS.contacts}`)![0];
    const stopping = replicas.find((r) => r.holder === relayHolder)!;
    const survivor = replicas.find((r) => r !== stopping)!;
    await stopping.app.close();
    replicas = [survivor];
    const before = new Map(survivor.writes);

    const takeover = Date.now();
    await eventually(
      async () => (await leaseHolders()).get(`relay:${TOPICS.contacts}`),
      (holders) => holders?.[0] === survivor.holder,
      SETTLES_MS,
    );
    expect(Date.now() - takeover).toBeLessThan(3000);

    for (let i = 0; i < 2; i++, registered++) await register(survivor.app, `Later${i}`);
    await expectEveryEventRelayedOnce();
    expect(await listed(survivor.app)).toHaveLength(registered);
    for (const { name } of READ_MODELS)
      expect(survivor.writes.get(name)! - before.get(name)!).toBeGreaterThanOrEqual(2);
  });

  it('leaves every lease to a sibling on a replica with BACKGROUND_WORK=off, even when the sibling stops', async () => {
    const [worker] = replicas;
    const server = await replica({ ...settings, BACKGROUND_WORK: 'off' });
    replicas = [worker, server];
    const mine = async (holder: string) =>
      [...(await leaseHolders())].filter(([, holders]) => holders.includes(holder)).map(([lease]) => lease);

    for (let i = 0; i < 2; i++, registered++) await register(server.app, `Balie${i}`);
    await expectEveryEventRelayedOnce();
    expect(await listed(server.app)).toHaveLength(registered);
    expect(await mine(server.holder)).toEqual([]);
    for (const { name } of READ_MODELS) expect(server.writes.get(name)).toBe(0);

    // Alone, it still serves and stands by: longer than a lease lasts, and nothing is taken.
    await worker.app.close();
    replicas = [server];
    await new Promise((resolve) => setTimeout(resolve, Number(timing.LEASE_TTL_MS) + 1000));
    expect(await mine(server.holder)).toEqual([]);
    await register(server.app, 'Nachtdienst').then(() => registered++);

    // A sibling with background work on takes the relay and the projections, and catches up.
    const next = await replica({ ...settings, BACKGROUND_WORK: 'on' });
    replicas = [server, next];
    await expectEveryEventRelayedOnce();
    expect(await listed(server.app)).toHaveLength(registered);
    expect(await mine(next.holder)).toEqual(
      expect.arrayContaining([
        `relay:${TOPICS.contacts}`,
        'projection:contact-index',
        'projection:organisations',
      ]),
    );
  });
});
