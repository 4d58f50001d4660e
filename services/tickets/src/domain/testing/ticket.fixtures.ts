// Facts shared by the ticket decider's tests: people, a registered ticket, and a helper to
// write commands briefly.
import type { Contact, RegisteredOrganisation } from '@helpdesk/contracts';
import type { TicketCommand } from '../ticket.commands';
import type { TicketEvent } from '../ticket.events';
import type { Actor, TicketKind } from '../ticket.types';

export const at = '2026-11-24T10:00:00.000Z';
export const agent: Actor = { id: 'agent-1', role: 'agent' };
export const releaseTrain: Actor = { id: 'releases', role: 'system' };
export const reporter: Actor = { id: 'c-reporter', role: 'customer_employee', organisationId: 'org-1' };
export const colleague: Actor = { id: 'c-colleague', role: 'customer_employee', organisationId: 'org-1' };
export const admin: Actor = { id: 'c-admin', role: 'customer_admin', organisationId: 'org-1' };
export const stranger: Actor = { id: 'c-stranger', role: 'customer_admin', organisationId: 'org-2' };

export const change = (actor: Actor, when = at) => ({ ticketId: 't-1', by: actor.id, at: when });

export const command = <T extends TicketCommand['type']>(
  type: T,
  actor: Actor,
  data: Extract<TicketCommand, { type: T }>['data'] = {} as never,
  when = at,
) => ({ type, actor, data, at: when }) as Extract<TicketCommand, { type: T }>;

export const registered = (kind: TicketKind = 'error'): TicketEvent[] => [
  {
    type: 'TicketRegistered',
    data: {
      ...change(reporter),
      number: 'HD-00042',
      kind,
      channel: 'portal',
      subject: 'Export fails',
      description: 'The monthly export stops at 50%.',
      details: {},
      organisationId: 'org-1',
      reporterId: 'c-reporter',
    },
  },
];

export const triaged = (
  priority: 'P1' | 'P2' | 'P3' | 'P4' = 'P2',
  kind: TicketKind = 'error',
): TicketEvent[] => [...registered(kind), { type: 'TicketTriaged', data: { ...change(agent), priority } }];

export const inProgress = (priority: 'P1' | 'P2' | 'P3' | 'P4' = 'P2'): TicketEvent[] => [
  ...triaged(priority),
  { type: 'WorkStarted', data: change(agent) },
];

export const resolved = (when = at): TicketEvent[] => [
  ...inProgress(),
  { type: 'TicketResolved', data: { ...change(agent, when), resolution: 'Fixed the export settings.' } },
];

export const closed = (): TicketEvent[] => [
  ...resolved(),
  { type: 'TicketClosed', data: { ...change(reporter), reason: 'confirmed' } },
];

/** org-1 as the contacts service's events describe it: the reporter and admin authorised, one colleague not. */
export const organisation = (changes: Partial<RegisteredOrganisation> = {}): RegisteredOrganisation => ({
  status: 'active',
  id: 'org-1',
  name: 'Zorg BV',
  timeZone: 'Europe/Amsterdam',
  slaPolicy: 'response-time',
  calendar: 'nl-office',
  contacts: {
    'c-reporter': contact('c-reporter', 'customer_employee'),
    'c-admin': contact('c-admin', 'customer_admin'),
    'c-colleague': { ...contact('c-colleague', 'customer_employee'), authorised: false },
  },
  ...changes,
});

const contact = (id: string, role: Contact['role']): Contact => ({
  id,
  name: id === 'c-admin' ? 'Anna de Vries' : `Contact ${id}`,
  email: `${id}@zorg.example`,
  language: 'nl',
  role,
  authorised: true,
  active: true,
});
