import { topicContract, TOPICS } from '@helpdesk/contracts';
import { eventually } from '@helpdesk/testing';
import { mailsTwice, listMails } from '../../deploy/local/stack/mailbox';
import type { Stack } from '../../deploy/local/stack/stack';
import { STACK_SERVICES, type StackServiceName } from '../../deploy/local/stack/stack-options';
import { waitUntilAnswers } from '../../deploy/local/stack/stack-process';
import { CommandLoad, type LoadDesk } from './support/command-load';
import { cpuForSixtyCommands } from './support/cpu';
import { agent, call } from './support/desk-client';
import { loadTargets, lostCommands, seedDesk, servingRequest } from './support/desk-seed';
import { allEvents } from './support/event-stores';
import { groupsOf, partitionsWithLag, readTopic } from './support/kafka-inspection';
import {
  killAndReplace,
  liveWithin,
  ownStartFigures,
  processOf,
  report,
  startTestStack,
  stopTestStack,
} from './support/test-stack';

// The issue's goal is 5 s. Each service starts from one bundle through V8's code cache
// (deploy/build): in CI a replacement serves after 1.4-1.9 s. The bound held here is generous, so a
// developer's loaded machine (load averages of 15-30 gave 3-10 s) does not fail it; the figure is
// printed (node up / Nest start in the same line) and reported (README, "5 s restart goal").
const RESTART_BUDGET_MS = 20000;
const BUDGET = `within ${RESTART_BUDGET_MS / 1000} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const topicOf: Record<StackServiceName, string> = {
  tickets: TOPICS.tickets,
  contacts: TOPICS.contacts,
  'sla-monitor': TOPICS.sla,
  notifications: TOPICS.notifications,
  releases: TOPICS.releases,
};

/**
 * Real processes of `stack:up`, one per service: each in turn is killed with SIGKILL while a
 * steady load of HTTP commands runs, and its replacement is started at once on the same port.
 */
describe('kill -9 of each service under a steady command load', () => {
  let stack: Stack;
  let desk: LoadDesk;
  let load: CommandLoad;
  let startedAt: number;

  beforeAll(async () => {
    startedAt = Date.now();
    stack = await startTestStack('kill');
    desk = await seedDesk(stack);
    load = new CommandLoad(loadTargets(stack), desk);
  }, 240000);
  afterAll(() => stopTestStack(stack), 60000);

  it('measures the CPU time of each single process over 60 commands (against which replicas compare)', async () => {
    report(
      `single instance, CPU s for 60 commands + 3 s: ${await cpuForSixtyCommands(stack.processes, load)}`,
    );
    expect(load.acknowledged.length).toBeGreaterThan(50);
  }, 120000);

  it.each(STACK_SERVICES.map((s) => s.name))(
    `%s answers HTTP again ${BUDGET} of its replacement start`,
    async (service) => {
      load.start(100);
      await sleep(1500);
      const replacement = await killAndReplace(stack, processOf(stack, service));
      const [path, method] = servingRequest(service, desk);
      let liveMs: number;
      let servedMs: number;
      try {
        liveMs = await liveWithin(replacement, 90000);
        servedMs = await waitUntilAnswers(
          replacement,
          async () =>
            (await call(replacement.url, method as 'GET', path, agent, undefined, 5000)).status === 200,
          90000,
        );
        await sleep(1500);
      } finally {
        await load.stop();
      }
      report(
        `kill -9 ${service}: replacement live after ${liveMs} ms, serving ${method} ${path} after ${servedMs} ms (${ownStartFigures(replacement)})`,
      );
      const withinBudget = (ms: number) => (ms <= RESTART_BUDGET_MS ? BUDGET : `${ms} ms`);
      expect({ service, live: withinBudget(liveMs), serving: withinBudget(servedMs) }).toEqual({
        service,
        live: BUDGET,
        serving: BUDGET,
      });
    },
    200000,
  );

  it('after the load: no acknowledged command lost, every event relayed, no mail twice, no partition with lag', async () => {
    report(
      `kill -9 load: ${load.commands} commands, answers ${JSON.stringify(load.answers)}, ${load.acknowledged.length} acknowledged`,
    );
    // In the event store: the revision each 201/200 named.
    const stores: Record<string, Map<string, number>> = {};
    const events: Record<string, Awaited<ReturnType<typeof allEvents>>> = {};
    for (const { name } of STACK_SERVICES) {
      events[name] = await allEvents(stack.env[name].PG_URL);
      stores[name] = new Map(events[name].map((e) => [e.streamId, e.revision]));
    }
    expect(await lostCommands(load, stores)).toEqual([]);
    // In the read model: every ticket the load registered.
    await eventually(
      async () => {
        const missing: string[] = [];
        for (const id of load.tickets)
          if ((await call(processOf(stack, 'tickets').url, 'GET', `/tickets/${id}`, agent)).status !== 200)
            missing.push(id);
        return missing;
      },
      (missing) => missing.length === 0,
      60000,
    );
    // On the topics: every stored event of every service, relayed.
    for (const { name } of STACK_SERVICES) {
      const { streamPrefix } = topicContract(topicOf[name]);
      const stored = events[name].filter((e) => e.streamId.startsWith(streamPrefix)).map((e) => e.id);
      const unrelayed = await eventually(
        async () => {
          const onTopic = new Set(
            (await readTopic(stack.infra.KAFKA_BROKERS, topicOf[name], startedAt)).map((m) => m.id),
          );
          return stored.filter((id) => !onTopic.has(id));
        },
        (missing) => missing.length === 0,
        60000,
      );
      expect({ service: name, unrelayed }).toEqual({ service: name, unrelayed: [] });
    }
    // Mail: every registered ticket's reporter told, nobody told twice.
    const mails = await eventually(
      async () => listMails(stack.smtp!.mailDir),
      (kept) =>
        load.acknowledged.filter((a) => a.what === 'register ticket').length <=
        kept.filter((m) => m.subject.includes('Load ')).length,
      90000,
    );
    const twice = mailsTwice(mails);
    report(`kill -9 mail: ${mails.length} messages, ${twice.length} (Message-ID, recipient) pairs twice`);
    expect(twice).toEqual([]);
    // Kafka: every consumer group of the stack at the end of its partitions.
    expect((await groupsOf(stack.infra.KAFKA_BROKERS, `${stack.name}.`)).length).toBeGreaterThanOrEqual(5);
    const lagging = await eventually(
      () => partitionsWithLag(stack.infra.KAFKA_BROKERS, `${stack.name}.`),
      (lag) => lag.length === 0,
      60000,
    ).catch(async () => partitionsWithLag(stack.infra.KAFKA_BROKERS, `${stack.name}.`));
    report(`kill -9 lag: ${lagging.length} partitions with lag`);
    expect(lagging).toEqual([]);
  }, 400000);
});
