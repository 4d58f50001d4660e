import { clearTicketExample, TICKET_EVENTS, topicContract, TOPICS } from '@helpdesk/contracts';
import type { StoredEvent } from '@helpdesk/event-store';
import { toCloudEvent } from '@helpdesk/messaging';
import type { Principal } from '@helpdesk/platform';
import {
  distributedTestSettings,
  eventually,
  registerOrganisation,
  requireInfra,
  startTestApp,
  type TestApp,
} from '@helpdesk/testing';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ContactLifecycleReadModel } from '../src/application/contacts-read-models';
import { TicketActivityReadModel } from '../src/application/ticket-activity';
import { contactsService } from '../src/contacts.service';
import { RetentionSweep } from '../src/retention/retention-sweep';

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
const agent: Principal = { id: 'agent-1', role: 'agent' };
const subscriber = { id: 'crm-sync', role: 'system' as const, scopes: ['personal-data:read' as const] };
const RETENTION_REASON = 'retention: no longer a contact, last ticket closed more than 365 days ago';

const root = join(__dirname, '../../..');
// The CLI as npm runs it: compiled JavaScript, in a folder of its own so no other test's build races it.
const build = join(root, '.infra', 'build', 'retention');
const cli = join(build, 'services/contacts/src/retention/retention.main.js');
const runCli = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });

/** A ticket event as the tickets service publishes it, at the time it names. */
const ticketEvent = (ticketId: string, revision: number, type: string, data: object, at: string) =>
  toCloudEvent(
    {
      id: randomUUID(),
      streamId: `ticket-${ticketId}`,
      revision,
      position: 0n,
      type,
      data: { ...data, ticketId, by: 'agent-1', at },
      metadata: { correlationId: randomUUID() },
      recordedAt: new Date(at),
    } as StoredEvent,
    topicContract(TOPICS.tickets),
  );

describe('retention in the contacts service (real Kafka, PostgreSQL, FerretDB)', () => {
  let desk: TestApp;
  let settings: Record<string, string>;
  let organisationId: string;
  let admin: Principal;
  const kafka = new Kafka({
    clientId: 'retention-e2e',
    brokers: [requireInfra('KAFKA_BROKERS')],
    logLevel: logLevel.WARN,
  });
  const people: Record<'carla' | 'dirk' | 'eva' | 'finn' | 'gijs' | 'hanna', string> = {
    carla: '',
    dirk: '',
    eva: '',
    finn: '',
    gijs: '',
    hanna: '',
  };

  const addContact = async (name: string) =>
    (
      await desk
        .as(admin)
        .post(`/organisations/${organisationId}/contacts`)
        .send({ name, email: `${name.toLowerCase()}@retention.example`, language: 'en' })
        .expect(201)
    ).body.id as string;
  const contact = async (id: string) => (await desk.as(agent).get(`/contacts/${id}`).expect(200)).body;
  const erasures = async () => {
    const client = new Client({ connectionString: settings.PG_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ data: { contactId: string; reason: string; by: string } }>(
        "select data from events where type = 'ContactErased' order by position",
      );
      return rows.map((r) => r.data);
    } finally {
      await client.end();
    }
  };
  const publish = async (ticketId: string, events: object[]) => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: TOPICS.tickets,
      messages: events.map((e) => ({ key: ticketId, value: JSON.stringify(e) })),
    });
    await producer.disconnect();
  };
  /** A ticket reported by one contact, with contact participants, closed `closedDaysAgo` (or open). */
  const ticket = async (reporterId: string, participants: string[], closedDaysAgo?: number) => {
    const ticketId = randomUUID();
    const events = [
      ticketEvent(
        ticketId,
        0,
        'TicketRegistered',
        { ...clearTicketExample('TicketRegistered'), organisationId, reporterId },
        daysAgo(800),
      ),
      ...participants.map((contactId, i) =>
        ticketEvent(
          ticketId,
          1 + i,
          'ParticipantAdded',
          { ...clearTicketExample('ParticipantAdded'), participant: { contactId } },
          daysAgo(790),
        ),
      ),
      ...(closedDaysAgo === undefined
        ? []
        : [
            ticketEvent(
              ticketId,
              1 + participants.length,
              'TicketClosed',
              { ...TICKET_EVENTS.TicketClosed.example },
              daysAgo(closedDaysAgo),
            ),
          ]),
    ];
    await publish(ticketId, events);
    return ticketId;
  };

  beforeAll(async () => {
    // The CLI, compiled as `npm run build` compiles it (swc only: the bundles are not needed).
    execFileSync(
      join(root, 'node_modules/.bin/swc'),
      ['libs', 'services', '-d', build, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '-q'],
      { cwd: root, stdio: 'pipe' },
    );
    settings = {
      ...(await distributedTestSettings('contacts_retention')),
      PERSONAL_DATA_RETENTION_DAYS: '365',
      PERSONAL_DATA_RETENTION_SWEEP_MS: '300',
    };
    desk = await startTestApp(contactsService, settings);
    ({ id: organisationId, administrator: admin } = await registerOrganisation(desk, 'Retention'));
    for (const name of Object.keys(people) as Array<keyof typeof people>)
      people[name] = await addContact(name[0].toUpperCase() + name.slice(1));
  }, 180_000);
  afterAll(() => desk?.close());

  it('keeps a small copy of who is involved in which ticket, from the tickets topic', async () => {
    const { carla, dirk, eva, gijs } = people;
    await ticket(carla, [], 400);
    await ticket(dirk, [], 400);
    // Eva's old ticket closed long ago, but she is a participant in one still open.
    await ticket(eva, [], 500);
    await ticket(dirk, [eva]);
    // Gijs's last ticket closed 100 days ago: within the desk's 365 days.
    await ticket(gijs, [], 100);
    const activity = desk.app.get(TicketActivityReadModel);
    await eventually(
      () => activity.activityOf(gijs),
      (a) => a.lastClosedAt !== undefined,
    );
    await eventually(
      () => activity.activityOf(eva),
      (a) => a.openTickets === 1 && a.lastClosedAt !== undefined,
    );
    expect(await activity.activityOf(dirk)).toEqual({ openTickets: 1, lastClosedAt: expect.any(String) });
    const stored = JSON.stringify(
      await activity.views.find({ sort: { field: 'id', direction: 'asc' }, limit: 10 }),
    );
    // Ids and times only: nothing of the tickets' text.
    expect(stored).not.toContain(clearTicketExample('TicketRegistered').subject);
  });

  it('erases a former contact whose last ticket closed more than the period ago, and no one else', async () => {
    const { carla, dirk, eva, finn, gijs } = people;
    for (const id of [carla, eva, finn, gijs])
      await desk.as(admin).post(`/contacts/${id}/deactivation`).expect(200);

    await eventually(
      () => contact(carla),
      (c) => c.erased === true,
      30_000,
    );
    expect(await contact(carla)).toMatchObject({ name: 'erased contact', email: '', active: false });
    expect(await erasures()).toEqual([
      { organisationId, contactId: carla, reason: RETENTION_REASON, by: 'retention', at: expect.any(String) },
    ]);
    const gone = await desk.as(subscriber).get(`/personal-data/keys/contact:${carla}`).expect(410);
    expect(gone.body.type).toMatch(/personal-data-erased/);
    const exported = (await desk.as(agent).get(`/contacts/${carla}/personal-data`).expect(200)).body;
    expect(exported.contact).toMatchObject({ id: carla, name: 'erased contact', erased: true });
    expect(JSON.stringify(exported)).not.toMatch(/carla@retention/);

    // Later sweeps (every 300 ms) leave the others: active, an open ticket, within the period.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const pass = await desk.app.get(RetentionSweep).sweep({ days: 365 });
    expect(pass).toMatchObject({ erased: [], refused: 0, failed: 0 });
    expect(pass.lookedAt).toBeGreaterThanOrEqual(3);
    for (const id of [dirk, eva, finn, gijs]) expect(await contact(id)).not.toHaveProperty('erased', true);
    expect((await erasures()).map((e) => e.contactId)).toEqual([carla]);
  });

  it('would erase a former contact who never had a ticket once their deactivation is more than the period ago (the clock moved on a year)', async () => {
    const sweep = desk.app.get(RetentionSweep);
    const inAYear = new Date(Date.now() + 366 * DAY_MS);
    const listed = await sweep.sweep({ days: 365, dryRun: true, now: inAYear });
    // Gijs's ticket closed 100 days ago is then more than 365 days ago too; Eva's ticket is still open.
    expect(listed.erased.sort()).toEqual([people.finn, people.gijs].sort());
    expect(await contact(people.finn)).not.toHaveProperty('erased', true);
  });

  it('counts a refusal by the decider and goes on: a contact active again is never erased, whatever the copy says', async () => {
    const lifecycle = desk.app.get(ContactLifecycleReadModel);
    const hanna = (await lifecycle.views.get(people.hanna))!;
    // A copy that has not yet seen Hanna's reactivation: the verdict says erase, the decider refuses.
    expect(
      await lifecycle.views.put({ ...hanna, active: false, deactivatedAt: daysAgo(400) }, hanna.revision),
    ).toBe(true);
    const pass = await desk.app.get(RetentionSweep).sweep({ days: 365 });
    expect(pass).toMatchObject({ erased: [], refused: 1, failed: 0 });
    expect(await contact(people.hanna)).toMatchObject({ active: true });
    expect(await contact(people.hanna)).not.toHaveProperty('erased', true);
    await lifecycle.views.put(hanna, hanna.revision);
  });

  it('lists, with the CLI\u2019s dry run, whom a shorter period would erase, and erases no one', () => {
    const run = runCli(settings, '--dry-run', '--days', '30');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\[personal-data:retention\] dry run: listing/);
    expect(run.stdout).toContain(`would erase contact ${people.gijs}`);
    for (const id of [people.carla, people.dirk, people.eva, people.finn, people.hanna])
      expect(run.stdout).not.toContain(id);
    expect(run.stdout).toMatch(
      /done: \d+ no longer contacts looked at, 1 to erase, 0 refused, 0 failed \(nothing written\)/,
    );
    expect(run.stdout).not.toMatch(/Gijs|gijs@/);
  }, 120_000);

  it('erases with the CLI what its dry run listed', async () => {
    expect(await contact(people.gijs)).not.toHaveProperty('erased', true);
    const run = runCli(settings, '--days', '30');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`erased contact ${people.gijs}`);
    expect(await contact(people.gijs)).toMatchObject({ erased: true });
    expect((await erasures()).at(-1)).toMatchObject({
      contactId: people.gijs,
      reason: 'retention: no longer a contact, last ticket closed more than 30 days ago',
    });
  }, 120_000);

  it('refuses a wrong period at start, naming the variable (exit 78), and needs one when retention is off', () => {
    const wrong = runCli({ ...settings, PERSONAL_DATA_RETENTION_DAYS: 'a year' }, '--dry-run');
    expect(wrong.status).toBe(78);
    expect(wrong.stdout + wrong.stderr).toMatch(/PERSONAL_DATA_RETENTION_DAYS=\\?"a year\\?" is invalid/);
    const off = runCli({ ...settings, PERSONAL_DATA_RETENTION_DAYS: '' }, '--dry-run');
    expect(off.status).toBe(64);
    expect(off.stderr).toMatch(/retention is off .*give --days N/);
  });
});
