import { topicContract, TOPICS } from '@helpdesk/contracts';
import { eventually } from '@helpdesk/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listMails, mailsTwice } from '../../deploy/local/stack/mailbox';
import type { Stack } from '../../deploy/local/stack/stack';
import { STACK_SERVICES, type StackServiceName } from '../../deploy/local/stack/stack-options';
import { killPid, type StackProcess } from '../../deploy/local/stack/stack-process';
import { CommandLoad } from './support/command-load';
import { cpuDuring } from './support/cpu';
import { loadTargets, lostCommands, seedDesk } from './support/desk-seed';
import { allEvents, twice } from './support/event-stores';
import { partitionsWithLag, readTopic } from './support/kafka-inspection';
import { relayHolder } from './support/leases';
import { report, startTestStack, stopTestStack, suiteDir } from './support/test-stack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TAKEOVER_BUDGET_MS = 15000;
const topicOf: Record<StackServiceName, string> = {
  tickets: TOPICS.tickets,
  contacts: TOPICS.contacts,
  'sla-monitor': TOPICS.sla,
  notifications: TOPICS.notifications,
  releases: TOPICS.releases,
};

/** Triage due 6 s after registration, round the clock: warnings and a breach within the test. */
const quickPolicy = {
  id: 'ops-quick',
  version: 1,
  effectiveFrom: '2000-01-01T00:00:00Z',
  calendar: { officeHours: '24/7' },
  targets: { triage: Object.fromEntries(['P1', 'P2', 'P3', 'P4'].map((p) => [p, { minutes: 0.1 }])) },
};

describe('two replicas of every service under load, then kill -9 of each relay lease holder', () => {
  let stack: Stack;
  let load: CommandLoad;
  let startedAt: number;
  let killedAt = Number.POSITIVE_INFINITY;
  const replicasOf = (service: string) => stack.processes.filter((p) => p.service === service);

  beforeAll(async () => {
    startedAt = Date.now();
    const policies = join(suiteDir, `ops-quick-${process.pid}.json`);
    writeFileSync(policies, JSON.stringify([quickPolicy]));
    stack = await startTestStack('replicas', {
      replicas: 2,
      env: { SLA_POLICIES_FILE: policies, SLA_TICK_MS: '500' },
    });
    load = new CommandLoad(loadTargets(stack), await seedDesk(stack, 'ops-quick'));
  }, 300000);
  afterAll(() => stopTestStack(stack), 60000);

  it('measures the CPU time of each replica over 60 commands', async () => {
    const cpu = await cpuDuring(
      stack.processes.filter((p) => p.service !== 'smtp-catcher'),
      async () => {
        await load.send(60);
        await sleep(3000);
      },
    );
    report(
      `two replicas, CPU s for 60 commands + 3 s: ${Object.entries(cpu)
        .map(([id, s]) => `${id} ${s.toFixed(2)}`)
        .join(', ')}`,
    );
    expect(load.acknowledged.length).toBeGreaterThan(50);
  }, 120000);

  it('a standby takes over each relay within seconds of the holder being killed', async () => {
    load.start(100);
    const takeovers: Record<string, string> = {};
    try {
      await sleep(3000);
      const holders = new Map<string, StackProcess>();
      for (const { name } of STACK_SERVICES) {
        const holder = await relayHolder(replicasOf(name));
        takeovers[name] = holder ? '' : 'no replica reports a relay lease (helpdesk_lease_held)';
        holders.set(name, holder ?? replicasOf(name)[0]);
      }
      killedAt = Date.now();
      await Promise.all([...holders.values()].map((p) => killPid(p.pid)));
      report(`killed relay holders ${[...holders.values()].map((p) => p.id).join(', ')}`);
      await Promise.all(
        STACK_SERVICES.map(async ({ name }) => {
          if (takeovers[name]) return;
          const standby = replicasOf(name).filter((p) => p !== holders.get(name));
          try {
            await eventually(
              () => relayHolder(standby),
              (found) => found !== undefined,
              TAKEOVER_BUDGET_MS,
            );
            takeovers[name] = `within ${TAKEOVER_BUDGET_MS / 1000} s`;
            report(`relay of ${name} taken over ${Date.now() - killedAt} ms after the kill`);
          } catch {
            takeovers[name] = `not within ${TAKEOVER_BUDGET_MS / 1000} s`;
          }
        }),
      );
      await sleep(8000); // the survivors carry the load, and the SLA clocks run out
    } finally {
      await load.stop();
    }
    expect(takeovers).toEqual(
      Object.fromEntries(STACK_SERVICES.map(({ name }) => [name, `within ${TAKEOVER_BUDGET_MS / 1000} s`])),
    );
  }, 200000);

  it('nothing relayed by two relays at once, no SLA warning or breach twice, no train planned twice, no mail twice, nothing lost', async () => {
    report(`replicas load: ${load.commands} commands, answers ${JSON.stringify(load.answers)}`);
    const events = Object.fromEntries(
      await Promise.all(
        STACK_SERVICES.map(async ({ name }) => [name, await allEvents(stack.env[name].PG_URL)] as const),
      ),
    );
    const stores = Object.fromEntries(
      Object.entries(events).map(([name, list]) => [
        name,
        new Map(list.map((e) => [e.streamId, e.revision])),
      ]),
    );
    expect(await lostCommands(load, stores)).toEqual([]);

    for (const { name } of STACK_SERVICES) {
      const { streamPrefix } = topicContract(topicOf[name]);
      const stored = events[name].filter((e) => e.streamId.startsWith(streamPrefix)).map((e) => e.id);
      const copies = await eventually(
        async () => {
          const byId = new Map<string, number[]>();
          for (const m of await readTopic(stack.infra.KAFKA_BROKERS, topicOf[name], startedAt))
            byId.set(m.id, [...(byId.get(m.id) ?? []), m.timestamp]);
          return byId;
        },
        (byId) => stored.every((id) => byId.has(id)),
        60000,
      );
      // Once per event; a second copy only from the standby re-sending the dead holder's last
      // page (at least once), never two copies while one holder was alive.
      const relayedTwiceAtOnce = stored.filter((id) => {
        const at = copies.get(id)!;
        return at.length > 1 && at.filter((t) => t < killedAt).length > 1;
      });
      const resent = stored.filter((id) => copies.get(id)!.length > 1).length;
      report(
        `replicas ${name}: ${stored.length} events, ${resent} sent twice after the kill window, ${relayedTwiceAtOnce.length} by two relays at once`,
      );
      expect({ service: name, relayedTwiceAtOnce: relayedTwiceAtOnce.length }).toEqual({
        service: name,
        relayedTwiceAtOnce: 0,
      });
    }

    const sla = events['sla-monitor'];
    const warnings = sla.filter((e) => e.type === 'WarningRaised');
    const breaches = sla.filter((e) => e.type === 'ClockBreached');
    const data = (e: { data: unknown }) => e.data as { ticketId: string; metric: string; fraction?: number };
    report(`replicas SLA: ${warnings.length} warnings, ${breaches.length} breaches`);
    expect(breaches.length).toBeGreaterThan(0);
    expect(twice(warnings, (e) => `${data(e).ticketId}/${data(e).metric}/${data(e).fraction}`)).toEqual([]);
    expect(twice(breaches, (e) => `${data(e).ticketId}/${data(e).metric}`)).toEqual([]);

    const trains = events.releases.filter(
      (e) => e.type === 'ReleasePlanned' && (e.metadata as { actor?: { id: string } }).actor?.id === 'system',
    );
    report(`replicas trains: ${trains.length} planned`);
    expect(trains.length).toBeGreaterThanOrEqual(4);
    expect(twice(trains, (e) => (e.data as { plannedDate: string }).plannedDate)).toEqual([]);

    const mails = listMails(stack.smtp!.mailDir);
    report(`replicas mail: ${mails.length} messages, ${mailsTwice(mails).length} twice`);
    expect(mails.length).toBeGreaterThan(0);
    expect(mailsTwice(mails)).toEqual([]);

    const lagging = await eventually(
      () => partitionsWithLag(stack.infra.KAFKA_BROKERS, `${stack.name}.`),
      (lag) => lag.length === 0,
      60000,
    ).catch(() => partitionsWithLag(stack.infra.KAFKA_BROKERS, `${stack.name}.`));
    expect(lagging).toEqual([]);
  }, 400000);
});
