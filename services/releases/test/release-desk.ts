import type { TicketEvent, TicketKind } from '@helpdesk/contracts';
import type { Principal } from '@helpdesk/platform';
import { applyToView } from '@helpdesk/read-models';
import { distributedTestSettings, startTestApp } from '@helpdesk/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { ReleaseTicketDirectory } from '../src/consumers/release-ticket-directory';
import { addDays } from '../src/domain/calendar-date';
import { ticketEntryProjection } from '../src/projections/ticket-entry';
import { releasesService } from '../src/releases.service';

export const agent: Principal = { id: 'agent-7', role: 'agent' };
export const adminA: Principal = { id: 'c-admin-a', role: 'customer_admin', organisationId: 'org-a' };
export const employeeA: Principal = {
  id: 'c-employee-a',
  role: 'customer_employee',
  organisationId: 'org-a',
};
export const adminB: Principal = { id: 'c-admin-b', role: 'customer_admin', organisationId: 'org-b' };

/**
 * A day of this test run's own, far in the future: the tests share one event store, and train
 * ids follow from their dates, so every run plans and lists trains nobody else has.
 */
export const runDay = () => addDays('2200-01-06', randomInt(0, 2_000_000));

/** Starts the releases service alone, its first train on `trainStart`. */
export const startReleases = async (database: string, trainStart: string) => {
  const settings = { ...(await distributedTestSettings(database)), RELEASE_TRAIN_START: trainStart };
  return startTestApp(releasesService, settings);
};

export interface SeededTicket {
  id: string;
  number: string;
  subject: string;
}

/** A ticket as the releases service learns it from helpdesk.tickets.v1, without the tickets service. */
export const seedTicket = async (
  directory: ReleaseTicketDirectory,
  {
    kind = 'error',
    organisationId = 'org-a',
    triaged = true,
    reporterId = 'c-reporter',
  }: { kind?: TicketKind; organisationId?: string; triaged?: boolean; reporterId?: string } = {},
): Promise<SeededTicket> => {
  const id = randomUUID();
  const number = `HD-${randomInt(100_000, 999_999_999)}`;
  const subject = `Export stops at 50% (${number})`;
  const change = { ticketId: id, by: 'agent-7', at: '2026-11-20T09:00:00.000Z' };
  const events: TicketEvent[] = [
    {
      type: 'TicketRegistered',
      data: {
        ...change,
        number,
        kind,
        channel: 'portal',
        subject,
        description: 'It stops halfway.',
        details: {},
        organisationId,
        reporterId,
      },
    },
    ...(triaged ? [{ type: 'TicketTriaged', data: { ...change, priority: 'P3' } } as TicketEvent] : []),
  ];
  await seedTicketEvents(directory, id, events, 0);
  return { id, number, subject };
};

export const seedTicketEvents = async (
  directory: ReleaseTicketDirectory,
  ticketId: string,
  events: TicketEvent[],
  firstRevision: number,
) => {
  for (const [i, event] of events.entries())
    await applyToView(ticketEntryProjection, directory.views, {
      streamId: `ticket-${ticketId}`,
      revision: firstRevision + i,
      position: 0n,
      type: event.type,
      data: event.data,
      recordedAt: new Date(),
    });
};
