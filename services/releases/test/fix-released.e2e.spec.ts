import type { Principal } from '@helpdesk/platform';
import { distributedTestSettings, seedOrganisations, startTestApp, type TestApp } from '@helpdesk/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotificationsOrganisationDirectory } from '../../notifications/src/consumers/organisation-directory';
import { notificationsService } from '../../notifications/src/notifications.service';
import { TicketsOrganisationDirectory } from '../../tickets/src/consumers/organisation-directory';
import { ticketsService } from '../../tickets/src/tickets.service';
import { releasesService } from '../src/releases.service';

import { agent, runDay } from './release-desk';

/** Tickets, releases and notifications as three services would run them, talking only through Kafka. */
const ticketsReleasesAndNotifications = {
  ...releasesService,
  name: 'tickets-releases-notifications',
  features: [...ticketsService.features, ...releasesService.features, ...notificationsService.features],
};

const reporter: Principal = { id: 'c-reporter', role: 'customer_employee', organisationId: 'org-a' };

// Three asynchronous hops over the broker, each given its own deadline.
const STEP_MS = 60000;

/** Asks until the answer is what the other service's events should make it, or the deadline passes. */
const eventually = async <T>(attempt: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
  const deadline = Date.now() + STEP_MS;
  let value = await attempt();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await attempt();
  }
  return value;
};

describe("a ticket's fix rides a release train (tickets -> Kafka -> releases -> Kafka -> tickets -> notifications)", () => {
  const trainDay = runDay();
  let desk: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'fix-released-'));
    const settings = {
      ...(await distributedTestSettings('fix_released')),
      RELEASE_TRAIN_START: trainDay,
      // Mail goes to .eml files: the delivery log is what this test reads.
      MAIL_TRANSPORT: 'outbox',
      DATA_DIR: dataDir,
    };
    desk = await startTestApp(ticketsReleasesAndNotifications, settings);
    const organisation = [{ id: 'org-a', contacts: [{ id: reporter.id }] }];
    await seedOrganisations(desk.app.get(TicketsOrganisationDirectory).views, organisation);
    await seedOrganisations(desk.app.get(NotificationsOrganisationDirectory).views, organisation);
  });
  afterAll(async () => {
    await desk.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'moves the ticket to fix scheduled, then resolved with its fix released, each step once, and tells the reporter of each',
    async () => {
      const ticket = (
        await desk
          .as(reporter)
          .post('/tickets')
          .send({
            kind: 'error',
            subject: 'Export stops at 50%',
            description: 'The monthly export stops halfway.',
          })
          .expect(201)
      ).body;
      await desk.as(agent).post(`/tickets/${ticket.id}/triage`).send({ priority: 'P3' }).expect(200);
      const status = async () => (await desk.as(agent).get(`/tickets/${ticket.id}`).expect(200)).body.status;

      const train = (
        await desk.as(agent).get('/releases').query({ from: trainDay, to: trainDay }).expect(200)
      ).body.items[0];
      expect(train).toMatchObject({ id: `train-${trainDay}`, status: 'planned' });

      // The releases service schedules the fix once it has heard of the triaged ticket.
      const scheduled = await eventually(
        () => desk.as(agent).post(`/releases/${train.id}/fixes`).send({ ticketId: ticket.id }),
        (response) => response.status === 200,
      );
      expect(scheduled.body).toMatchObject({ events: ['ReleaseFixScheduled'] });
      expect(await eventually(status, (s) => s === 'fix_scheduled')).toBe('fix_scheduled');

      await desk.as(agent).post(`/releases/${train.id}/freeze`).expect(200);
      await desk.as(agent).post(`/releases/${train.id}/ship`).expect(200);
      expect(await eventually(status, (s) => s === 'resolved')).toBe('resolved');

      const history = (await desk.as(agent).get(`/tickets/${ticket.id}/history`).expect(200)).body as Array<{
        type: string;
        by: string;
        data: Record<string, unknown>;
      }>;
      expect(history.map((event) => event.type)).toEqual([
        'TicketRegistered',
        'TicketTriaged',
        'FixScheduled',
        'FixReleased',
        'TicketResolved',
      ]);
      expect(history[2]).toMatchObject({
        by: 'releases',
        data: { releaseId: train.id, version: train.version, plannedDate: trainDay },
      });
      expect(history[3].data).toMatchObject({ releaseId: train.id, version: train.version });
      expect(history[4].data).toMatchObject({ resolution: `Fix released in ${train.version}` });

      // The reporter hears of each step once: filed, triaged, fix scheduled, fix released.
      type Entry = { id: string; template: string; status: string };
      const log = await eventually(
        async () =>
          (await desk.as(agent).get('/notifications').query({ ticket: ticket.id }).expect(200)).body
            .items as Entry[],
        (items) => items.length >= 4 && items.every((item) => item.status === 'sent'),
      );
      expect(log.map((item) => [item.template, item.status]).sort()).toEqual([
        ['ticket-registered', 'sent'],
        ['ticket-updated', 'sent'],
        ['ticket-updated', 'sent'],
        ['ticket-updated', 'sent'],
      ]);
      const texts = await Promise.all(
        log.map(
          async (item) => (await desk.as(agent).get(`/notifications/${item.id}`).expect(200)).body.text,
        ),
      );
      expect(texts.filter((text: string) => text.includes(train.version))).toHaveLength(2);
    },
    4 * STEP_MS,
  );
});
