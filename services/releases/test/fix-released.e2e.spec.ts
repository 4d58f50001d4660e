import type { Principal } from '@helpdesk/platform';
import { distributedTestSettings, seedOrganisations, startTestApp, type TestApp } from '@helpdesk/testing';
import { TicketsOrganisationDirectory } from '../../tickets/src/consumers/organisation-directory';
import { ticketsService } from '../../tickets/src/tickets.service';
import { releasesService } from '../src/releases.service';

import { agent, runDay } from './release-desk';

/** Tickets and releases as two services would run them, talking only through Kafka. */
const ticketsAndReleases = {
  ...releasesService,
  name: 'tickets-and-releases',
  features: [...ticketsService.features, ...releasesService.features],
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

describe("a ticket's fix rides a release train (tickets -> Kafka -> releases -> Kafka -> tickets)", () => {
  const trainDay = runDay();
  let desk: TestApp;
  beforeAll(async () => {
    const settings = { ...(await distributedTestSettings('fix_released')), RELEASE_TRAIN_START: trainDay };
    desk = await startTestApp(ticketsAndReleases, settings);
    await seedOrganisations(desk.app.get(TicketsOrganisationDirectory).views, [
      { id: 'org-a', contacts: [{ id: reporter.id }] },
    ]);
  });
  afterAll(() => desk.close());

  it(
    'moves the ticket to fix scheduled, then resolved with its fix released, each step once',
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
    },
    4 * STEP_MS,
  );
});
