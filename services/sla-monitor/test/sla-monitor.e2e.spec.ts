import { decodeEvent, type SlaEvent } from '@helpdesk/contracts';
import type { EventStore } from '@helpdesk/event-store';
import { EVENT_STORE, type Principal } from '@helpdesk/platform';
import { distributedTestSettings, seedOrganisations, startTestApp, type TestApp } from '@helpdesk/testing';
import { TicketsOrganisationDirectory } from '../../tickets/src/consumers/organisation-directory';
import { ticketsService } from '../../tickets/src/tickets.service';
import { SlaOrganisationDirectory } from '../src/consumers/sla-organisation-directory';
import { slaStream } from '../src/domain';
import { slaMonitorService } from '../src/sla-monitor.service';
import {
  adminA,
  adminB,
  agent,
  aTicket,
  changePolicy,
  colleague,
  eventually,
  FAST_POLICY,
  fastReporter,
  lateReporter,
  organisations,
  policiesFile,
  reporter,
} from './sla-fixtures';

/** Tickets and the SLA monitor as two services would run them, talking only over Kafka. */
const ticketsAndSla = {
  ...slaMonitorService,
  name: 'tickets-and-sla',
  features: [...ticketsService.features, ...slaMonitorService.features],
};

describe('the SLA monitor (tickets -> Kafka -> sla-monitor -> Kafka -> tickets)', () => {
  let desk: TestApp;
  let settings: Record<string, string>;
  const start = async () => {
    desk = await startTestApp(ticketsAndSla, settings);
    await seedOrganisations(desk.app.get(TicketsOrganisationDirectory).views, organisations);
    const directory = desk.app.get(SlaOrganisationDirectory).views;
    await seedOrganisations(directory, organisations);
    await changePolicy(directory, organisations[2], 'e2e-fast');
    await changePolicy(directory, organisations[3], 'e2e-late');
  };
  const testStarted = new Date().toISOString();
  beforeAll(async () => {
    settings = {
      ...(await distributedTestSettings('sla_monitor')),
      SLA_POLICIES_FILE: policiesFile(),
      SLA_TICK_MS: '200',
    };
    await start();
  });
  afterAll(() => desk.close());

  const file = async (as: Principal) =>
    (await desk.as(as).post('/tickets').send(aTicket).expect(201)).body.id;
  const clocksOf = (id: string, as: Principal = agent) => desk.as(as).get(`/sla/tickets/${id}`);
  const clock = (body: { clocks?: Array<{ metric: string }> }, metric: string) =>
    body.clocks?.find((c) => c.metric === metric) as Record<string, unknown> | undefined;
  const slaEvents = async (ticketId: string) =>
    (await desk.app.get<EventStore>(EVENT_STORE).readStream(slaStream(ticketId))).map((e) =>
      decodeEvent<SlaEvent>(e),
    );
  const breaches = async (ticketId: string) =>
    (await slaEvents(ticketId)).filter((e) => e.type === 'ClockBreached');

  let answered: string;
  let breached: string;

  it('measures triage and first response in business time, met by triage and a public agent comment', async () => {
    answered = await file(reporter);
    await desk.as(agent).post(`/tickets/${answered}/triage`).send({ priority: 'P2' }).expect(200);
    await desk
      .as(agent)
      .post(`/tickets/${answered}/comments`)
      .send({ body: 'Looking into it.', visibility: 'public' })
      .expect(200);
    const { body } = await eventually(
      () => clocksOf(answered),
      (res) => clock(res.body, 'first_response')?.outcome === 'met',
    );
    expect(body).toMatchObject({ ticketId: answered, organisationId: 'org-a', policyId: 'response-time' });
    // Triage stopped under the default priority; first response went on with the P2 target.
    for (const [metric, priority] of [
      ['triage', 'P3'],
      ['first_response', 'P2'],
    ]) {
      const met = clock(body, metric)!;
      expect(met).toMatchObject({
        state: 'stopped',
        outcome: 'met',
        priority,
        breachedAt: null,
        pauses: [],
      });
      // Business time only: outside office hours nothing counts, so a quick answer may take 0 seconds.
      expect(met.elapsedSeconds).toBeGreaterThanOrEqual(0);
      expect(met.elapsedSeconds).toBeLessThanOrEqual(met.targetSeconds as number);
      expect(met.remainingSeconds).toBe((met.targetSeconds as number) - (met.elapsedSeconds as number));
    }
    expect(clock(body, 'triage')!.targetSeconds).toBe(15 * 60);
    expect(clock(body, 'first_response')!.targetSeconds).toBe(60 * 60);
  });

  it('records a priority change on the clock: previous and new target, who, when and why', async () => {
    const id = await file(reporter);
    await desk.as(agent).post(`/tickets/${id}/triage`).send({ priority: 'P2' }).expect(200);
    await desk
      .as(agent)
      .post(`/tickets/${id}/priority`)
      .send({ priority: 'P1', reason: 'Payroll run blocked' })
      .expect(200);
    const { body } = await eventually(
      () => clocksOf(id),
      (res) => (clock(res.body, 'first_response')?.priorityChanges as unknown[])?.length === 2,
    );
    const [triaged, changed] = clock(body, 'first_response')!.priorityChanges as Array<
      Record<string, unknown>
    >;
    expect(triaged).toMatchObject({ from: 'P3', to: 'P2', by: agent.id, cause: 'TicketTriaged' });
    expect(triaged).not.toHaveProperty('reason');
    expect(changed).toMatchObject({
      from: 'P2',
      to: 'P1',
      previousTargetSeconds: 60 * 60,
      targetSeconds: 15 * 60,
      previousDueAt: triaged.dueAt,
      dueAt: clock(body, 'first_response')!.dueAt,
      by: agent.id,
      reason: 'Payroll run blocked',
      cause: 'PriorityChanged',
    });
    expect(Date.parse(changed.at as string)).toBeGreaterThanOrEqual(Date.parse(triaged.at as string));
  });

  it('shows a ticket’s clocks to whoever may see the ticket, and to nobody else', async () => {
    await clocksOf(answered, reporter).expect(200);
    await clocksOf(answered, adminA).expect(200);
    await clocksOf(answered, colleague).expect(404);
    await clocksOf(answered, adminB).expect(404);
  });

  it('breaches a clock once at its due instant, lists it on the board and shows it with the ticket', async () => {
    breached = await file(fastReporter);
    await desk.as(agent).post(`/tickets/${breached}/assignment`).send({ assigneeId: 'agent-7' }).expect(200);
    const { body } = await eventually(
      () => clocksOf(breached),
      (res) => clock(res.body, 'triage')?.outcome === 'breached',
    );
    const triage = clock(body, 'triage')!;
    expect(triage).toMatchObject({ state: 'running', targetSeconds: 3, priority: 'P3' });
    const started = (await slaEvents(breached)).find(
      (e) => e.type === 'ClockStarted' && e.data.metric === 'triage',
    );
    expect(triage.breachedAt).toBe(started?.type === 'ClockStarted' && started.data.dueAt);
    expect((triage.warnings as unknown[]).length).toBe(2);
    expect(await breaches(breached)).toHaveLength(1);
    // The breach names the ticket as the monitor saw it: registered and assigned (revision 1).
    const [breach] = await breaches(breached);
    expect(breach.type === 'ClockBreached' && breach.data.ticketRevision).toBe(1);

    const board = async (query: string, as: Principal = agent) =>
      ((await desk.as(as).get(`/sla/board${query}`).expect(200)).body.items as Array<{ ticketId: string }>)
        .map((item) => item.ticketId)
        .filter((id) => id === breached);
    const listed = await eventually(
      () => board('?organisationId=org-fast'),
      (ids) => ids.length === 1,
    );
    expect(listed).toEqual([breached]);
    const [item] = (await desk.as(agent).get('/sla/board?organisationId=org-fast').expect(200)).body.items;
    expect(item).toMatchObject({
      ticketId: breached,
      metric: 'triage',
      breached: true,
      assigneeId: 'agent-7',
    });
    expect(await board('?assigneeId=agent-7')).toEqual([breached]);
    expect(await board('?assigneeId=agent-nobody')).toEqual([]);
    expect(await board('?organisationId=org-fast&priority=P1,P2')).toEqual([]);
    expect(await board('', adminA)).toEqual([]);

    const ticket = await eventually(
      () => desk.as(agent).get(`/tickets/${breached}`),
      (res) => res.body.sla?.triage?.breached === true,
    );
    expect(ticket.body.sla.triage).toMatchObject({ state: 'running', breached: true, targetSeconds: 3 });
    expect(ticket.body.sla.first_response).toMatchObject({ state: 'running', breached: false });
  });

  it('reports compliance per organisation, metric and priority, scoped to the caller', async () => {
    const period = `from=${encodeURIComponent(testStarted)}&to=${encodeURIComponent(new Date(Date.now() + 3600e3).toISOString())}`;
    const rows = (as: Principal) =>
      desk
        .as(as)
        .get(`/sla/reports/compliance?${period}`)
        .expect(200)
        .then((res) => res.body.rows as Array<Record<string, unknown>>);
    const all = await rows(agent);
    expect(all).toContainEqual(
      expect.objectContaining({
        organisationId: 'org-a',
        metric: 'first_response',
        priority: 'P2',
        met: 1,
        breached: 0,
      }),
    );
    expect(all).toContainEqual(
      expect.objectContaining({
        organisationId: 'org-fast',
        metric: 'triage',
        priority: 'P3',
        breached: 1,
        rate: 0,
      }),
    );
    expect(new Set((await rows(adminA)).map((row) => row.organisationId))).toEqual(new Set(['org-a']));
  });

  it('recomputes the report under another policy without writing anything', async () => {
    const before = await slaEvents(breached);
    const lenient = {
      ...FAST_POLICY,
      id: 'lenient',
      targets: { ...FAST_POLICY.targets, triage: { P3: { hours: 8 } } },
    };
    const { body } = await desk
      .as(agent)
      .post('/sla/what-if')
      .send({ policy: lenient, from: testStarted, to: new Date().toISOString() })
      .expect(200);
    expect(body.policy).toMatchObject({ id: 'lenient', version: 1 });
    expect(body.rows).toContainEqual(
      expect.objectContaining({
        organisationId: 'org-fast',
        metric: 'triage',
        priority: 'P3',
        breached: 0,
        running: 1,
      }),
    );
    expect(await slaEvents(breached)).toEqual(before);
  });

  it('refuses bad input on every endpoint with problem details', async () => {
    const problem = async (
      call: Promise<{ status: number; headers: Record<string, string> }>,
      status: number,
    ) => {
      const res = await call;
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    };
    await problem(clocksOf('not-a-ticket-id'), 400);
    await problem(clocksOf('7d3c7a52-5b8e-4a55-9f0e-0d6c7f1c2b3a'), 404);
    await problem(desk.as(agent).get('/sla/board?priority=P9'), 400);
    await problem(desk.as(agent).get('/sla/board?limit=0'), 400);
    await problem(desk.as(agent).get('/sla/board?colour=red'), 400);
    await problem(desk.as(agent).get('/sla/board?cursor=garbage'), 422);
    await problem(desk.as(agent).get('/sla/reports/compliance?from=2026-01-01T00:00:00Z'), 400);
    await problem(desk.as(agent).get('/sla/reports/compliance?from=yesterday&to=today'), 400);
    await problem(
      desk.as(agent).get('/sla/reports/compliance?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'),
      422,
    );
    const period = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
    await problem(desk.as(agent).post('/sla/what-if').send(period), 400);
    await problem(
      desk
        .as(agent)
        .post('/sla/what-if')
        .send({ ...period, policy: 'response-time' }),
      400,
    );
    await problem(
      desk
        .as(agent)
        .post('/sla/what-if')
        .send({ ...period, policy: FAST_POLICY, extra: 1 }),
      400,
    );
    const invalid = await desk
      .as(agent)
      .post('/sla/what-if')
      .send({
        ...period,
        policy: { ...FAST_POLICY, version: 0, targets: { triage: { P9: { minutes: 1 } } } },
      });
    expect(invalid.status).toBe(422);
    expect(invalid.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'version' }),
        expect.objectContaining({ path: 'targets.triage.P9' }),
      ]),
    );
    for (const call of [
      desk.as(reporter).get('/sla/board'),
      desk.as(reporter).get(`/sla/reports/compliance?from=${period.from}&to=${period.to}`),
      desk
        .as(reporter)
        .post('/sla/what-if')
        .send({ ...period, policy: FAST_POLICY }),
    ])
      await problem(call, 403);
  });

  it('after a restart breaches what fell due meanwhile at once, at its due instant, and nothing twice', async () => {
    const late = await file(lateReporter);
    await eventually(
      () => clocksOf(late),
      (res) => res.status === 200,
    );
    const [started] = (await slaEvents(late)).filter((e) => e.type === 'ClockStarted');
    await desk.close();
    const dueAt = started.type === 'ClockStarted' ? started.data.dueAt! : '';
    // Down until well after the 12 seconds were up.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(dueAt) - Date.now()) + 500));
    await start();
    const [breach] = await eventually(
      () => breaches(late),
      (found) => found.length > 0,
    );
    expect(breach.data).toMatchObject({ metric: 'triage', at: dueAt });
    // A few more rounds of the scheduler and of the redelivered ticket events change nothing.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await breaches(late)).toHaveLength(1);
    expect(await breaches(breached)).toHaveLength(1);
  });
});
