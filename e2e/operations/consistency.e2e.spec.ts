import { deadLetterTopic, TOPICS } from '@helpdesk/contracts';
import { eventually } from '@helpdesk/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listMails } from '../../deploy/local/stack/mailbox';
import { replaceProcess, type Stack, startServiceProcess } from '../../deploy/local/stack/stack';
import { httpStatus, killPid } from '../../deploy/local/stack/stack-process';
import { alertMailFindings } from './support/alert-mails';
import { watchCheckpoints } from './support/checkpoint-watch';
import { CommandLoad } from './support/command-load';
import { agent } from './support/desk-client';
import { loadTargets, seedDesk } from './support/desk-seed';
import { allEvents } from './support/event-stores';
import { readTopic, warmUpGroupCoordinator } from './support/kafka-inspection';
import { ReadAfterWriteProbe } from './support/read-after-write';
import { liveWithin, processOf, report, startTestStack, stopTestStack, suiteDir } from './support/test-stack';
import { startThrowawayKafka, type ThrowawayKafka } from './support/throwaway-kafka';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LEAD = 'support-lead@vendor.example';
const ASSIGNEE = `${agent.id}@vendor.example`;
/** How long the load runs with two processes of everything. */
const LOAD_MS = Number(process.env.CONSISTENCY_LOAD_MS ?? 30000);
/**
 * How long notifications is down. The issue asks for a few minutes (2-3); CI keeps it short:
 * run `CONSISTENCY_OUTAGE_MS=150000 npx jest e2e/operations/consistency` for the long one.
 */
const OUTAGE_MS = Number(process.env.CONSISTENCY_OUTAGE_MS ?? 30000);
/** The longest the alerts that fell due may take to be mailed once the load has stopped. */
const MAIL_BUDGET_MS = 300000 + 2 * OUTAGE_MS;

/** Triage due 6 s after registration, round the clock: two warnings and a breach per ticket. */
const quickPolicy = {
  id: 'consistency-quick',
  version: 1,
  effectiveFrom: '2000-01-01T00:00:00Z',
  calendar: { officeHours: '24/7' },
  targets: { triage: Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { minutes: 0.1 }])) },
};

const settings = () => {
  mkdirSync(suiteDir, { recursive: true });
  const policies = join(suiteDir, `consistency-quick-${process.pid}.json`);
  writeFileSync(policies, JSON.stringify([quickPolicy]));
  return {
    SLA_POLICIES_FILE: policies,
    SLA_TICK_MS: '500',
    READ_YOUR_WRITES_MS: '10000',
    DELIVERY_POLL_MS: '500',
  };
};

/**
 * Alert mails against the monitor's stored alerts, once every alert that fell due went out, or
 * once no more went out for a minute (a backlog after an outage is sent at the pace of the
 * machine: what counts is that none is dropped or doubled, not how fast it drains).
 */
const mailedAlerts = async (stack: Stack, assignedAt: Map<string, number>) => {
  const findings = () =>
    allEvents(stack.env['sla-monitor'].PG_URL).then((events) =>
      alertMailFindings(events, listMails(stack.smtp!.mailDir), {
        lead: LEAD,
        assignee: ASSIGNEE,
        assignedAt,
      }),
    );
  let now = await findings();
  let progressAt = Date.now();
  const gaveUpAt = Date.now() + MAIL_BUDGET_MS;
  while (now.missing.length > 0 && Date.now() - progressAt < 60000 && Date.now() < gaveUpAt) {
    await sleep(3000);
    const next = await findings();
    if (next.missing.length < now.missing.length) progressAt = Date.now();
    now = next;
  }
  await sleep(3000); // nothing more may come
  return findings();
};

/** Dead letters this stack's consumer groups wrote since `sinceMs`, per topic. */
const deadLettersOf = async (stack: Stack, sinceMs: number) => {
  const found: Record<string, number> = {};
  for (const topic of Object.values(TOPICS)) {
    const letters = await readTopic(stack.infra.KAFKA_BROKERS, deadLetterTopic(topic), sinceMs);
    const ours = letters.filter((l) => (l.headers['dlq-consumer-group'] ?? '').startsWith(`${stack.name}.`));
    if (ours.length) found[topic] = ours.length;
  }
  return found;
};

/**
 * Seeds the desk, and starts the load. With groups that start at the topics' end ("now"), once
 * every process is ready: they have joined, so the organisation's registration is not published
 * before they look.
 */
const startLoad = async (stack: Stack, groupsStartAt: 'now' | 'beginning') => {
  const services = stack.processes.filter((p) => p.service !== 'smtp-catcher');
  if (groupsStartAt === 'now')
    await eventually(
      () => Promise.all(services.map((p) => httpStatus(`${p.url}/health/ready`, 3000))),
      (statuses) => statuses.every((status) => status === 200),
      120000,
    );
  const desk = await seedDesk(stack, quickPolicy.id);
  return { load: new CommandLoad(loadTargets(stack), desk), probe: new ReadAfterWriteProbe(stack, desk) };
};

describe('two processes of every service under a steady load with SLA targets of seconds', () => {
  let kafka: ThrowawayKafka;
  let stack: Stack;
  let startedAt: number;

  beforeAll(async () => {
    startedAt = Date.now();
    // A broker of its own, so the replicas' new groups may start at the beginning (see replicas.e2e).
    kafka = await startThrowawayKafka();
    await warmUpGroupCoordinator(kafka.brokers);
    stack = await startTestStack('consistency2', {
      replicas: 2,
      infra: { KAFKA_BROKERS: kafka.brokers },
      env: { ...settings(), KAFKA_NEW_GROUPS_START_AT: 'beginning' },
    });
  }, 300000);
  afterAll(async () => {
    await stopTestStack(stack);
    await kafka?.remove();
  }, 90000);

  it('misses no read after a write on the other replica, mails every alert once to the assignee and the lead, and moves no checkpoint back', async () => {
    const { load, probe } = await startLoad(stack, 'beginning');
    const checkpoints = await watchCheckpoints(Object.values(stack.env).map((env) => env.MONGO_URL));
    load.start(250);
    probe.start(500);
    await sleep(LOAD_MS);
    await Promise.all([load.stop(), probe.stop()]);
    const mails = await mailedAlerts(stack, probe.assignedAt);
    const moves = await checkpoints.stop();
    const deadLetters = await deadLettersOf(stack, startedAt);
    report(
      `consistency, two replicas, ${LOAD_MS / 1000} s of load: ${load.commands} commands ${JSON.stringify(load.answers)}; ` +
        `reads after writes ${JSON.stringify(probe.figures)}; ${mails.alerts} alerts, ${mails.expectedMails} alert mails expected, ` +
        `${mails.missing.length} missing, ${mails.twice.length} twice, ${mails.resent.length} resent after a kill, ${mails.unexpected.length} unexpected; ` +
        `${moves.checkpoints} checkpoints read ${moves.reads} times, ${moves.backward.length} moved back; dead letters ${JSON.stringify(deadLetters)}`,
    );
    expect({
      listMisses: probe.figures.list.silentMisses + probe.figures.list.notYet,
      contactMisses: probe.figures.contact.silentMisses + probe.figures.contact.notYet,
      missing: mails.missing,
      twice: mails.twice,
      resent: mails.resent,
      unexpected: mails.unexpected,
      backward: moves.backward,
      deadLetters,
    }).toEqual({
      listMisses: 0,
      contactMisses: 0,
      missing: [],
      twice: [],
      resent: [],
      unexpected: [],
      backward: [],
      deadLetters: {},
    });
    // Not vacuous: reads were made on the other replica, alerts fell due and were mailed to both.
    expect(probe.figures.list.reads).toBeGreaterThanOrEqual(5);
    expect(probe.figures.contact.reads).toBeGreaterThanOrEqual(5);
    expect(probe.assignedAt.size).toBeGreaterThanOrEqual(5);
    expect(mails.alerts).toBeGreaterThan(30);
    expect(moves.checkpoints).toBeGreaterThan(0);
  }, 600000);
});

describe('one process of every service, with notifications down while SLA alerts fall due', () => {
  let stack: Stack;
  let startedAt: number;

  beforeAll(async () => {
    startedAt = Date.now();
    stack = await startTestStack('consistency1', { env: settings() });
  }, 300000);
  afterAll(() => stopTestStack(stack), 90000);

  it(`mails every alert raised during a ${OUTAGE_MS / 1000} s outage once it is back, once each, and dead-letters nothing`, async () => {
    const { load, probe } = await startLoad(stack, 'now');
    const checkpoints = await watchCheckpoints(Object.values(stack.env).map((env) => env.MONGO_URL));
    // Slower than with two replicas: one notifications process mails the whole backlog.
    load.start(1000);
    probe.start(1000);
    await sleep(5000);
    const notifications = processOf(stack, 'notifications');
    await killPid(notifications.pid);
    const killedAt = Date.now();
    await sleep(OUTAGE_MS);
    const raisedDuringOutage = (await allEvents(stack.env['sla-monitor'].PG_URL)).filter(
      (e) => (e.type === 'WarningRaised' || e.type === 'ClockBreached') && e.recordedAt.getTime() >= killedAt,
    ).length;
    const back = startServiceProcess(stack, 'notifications', 1, notifications.port);
    replaceProcess(stack, back);
    const liveAfter = await liveWithin(back, 60000);
    await sleep(5000); // the load goes on a little with notifications back
    await Promise.all([load.stop(), probe.stop()]);
    const mails = await mailedAlerts(stack, probe.assignedAt);
    const moves = await checkpoints.stop();
    const deadLetters = await deadLettersOf(stack, startedAt);
    report(
      `consistency, one process each, notifications down ${OUTAGE_MS / 1000} s (back live after ${liveAfter} ms): ` +
        `${load.commands} commands ${JSON.stringify(load.answers)}; ${raisedDuringOutage} alerts raised while it was down; ` +
        `reads after writes ${JSON.stringify(probe.figures)}; ${mails.alerts} alerts, ${mails.expectedMails} alert mails expected, ` +
        `${mails.missing.length} missing, ${mails.twice.length} twice, ${mails.resent.length} resent after a kill, ${mails.unexpected.length} unexpected; ` +
        `${moves.backward.length} checkpoint moves back; dead letters ${JSON.stringify(deadLetters)}`,
    );
    expect({
      missing: mails.missing,
      twice: mails.twice,
      unexpected: mails.unexpected,
      backward: moves.backward,
      deadLetters,
      listMisses: probe.figures.list.silentMisses + probe.figures.list.notYet,
      contactMisses: probe.figures.contact.silentMisses + probe.figures.contact.notYet,
    }).toEqual({
      missing: [],
      twice: [],
      unexpected: [],
      backward: [],
      deadLetters: {},
      listMisses: 0,
      contactMisses: 0,
    });
    // The one kill -9 may land between a send and its record: that one message goes out again,
    // with the same Message-ID (the dispatcher sends one message at a time).
    expect(mails.resent.length).toBeLessThanOrEqual(1);
    // Not vacuous: alerts fell due while nobody could mail them, and went out afterwards.
    expect(raisedDuringOutage).toBeGreaterThan(5);
    expect(mails.expectedMails).toBeGreaterThan(raisedDuringOutage);
  }, 1200000);
});
