import { activeAdministrators } from '@helpdesk/contracts';
import type { RegisterTicket } from '../ticket.commands';
import type { TicketEvent } from '../ticket.events';
import { isCustomer, refuse, requireText } from '../ticket.rules';
import type { Ticket } from '../ticket.state';
import type { Channel } from '../ticket.types';

const NUMBER = /^HD-\d{5,}$/;

/** Channels a customer uses themselves; phone and e-mail tickets are registered by an agent. */
const SELF_SERVICE: readonly Channel[] = ['portal', 'api'];

export const register = (command: RegisterTicket, state: Ticket): TicketEvent[] => {
  const { actor, data } = command;
  if (state.status !== 'unregistered')
    refuse('conflict', 'ticket_exists', 'This ticket is already registered.');
  if (!NUMBER.test(data.number))
    refuse('invalid', 'invalid_number', `${data.number} is not a ticket reference (HD-00001).`);
  if (isCustomer(actor)) {
    if (actor.organisationId !== data.organisationId) {
      refuse('forbidden', 'foreign_organisation', 'You can file tickets only for your own organisation.');
    }
    if (actor.role === 'customer_employee' && data.reporterId !== actor.id) {
      refuse(
        'forbidden',
        'reporter_only',
        'You can file tickets only for yourself; your administrator can file for others.',
      );
    }
    const ownMail = data.channel === 'email' && data.receivedMail !== undefined;
    if (!SELF_SERVICE.includes(data.channel) && !ownMail) {
      refuse(
        'invalid',
        'agent_channel',
        `Tickets by ${data.channel} are registered by a support agent; use the portal or the API.`,
      );
    }
  }
  if (actor.role === 'system' && data.channel !== 'api') {
    refuse('invalid', 'system_channel', 'Other systems file tickets through the api channel.');
  }
  requireAuthorisedReporter(data);
  return [
    {
      type: 'TicketRegistered',
      data: {
        ticketId: data.ticketId,
        by: actor.id,
        at: command.at,
        number: data.number,
        kind: data.kind,
        channel: data.channel,
        subject: requireText(data.subject, 'The subject', 200),
        description: requireText(data.description, 'The description', 20000),
        details: data.details ?? {},
        organisationId: data.organisationId,
        reporterId: data.reporterId,
        ...(data.channel === 'email' && data.receivedMail ? { receivedMail: data.receivedMail } : {}),
      },
    },
  ];
};

/**
 * Only an authorised, active contact of an organisation with support can have a ticket filed
 * for them, whoever files it (also an agent taking a phone call). A refusal names whom to ask.
 */
const requireAuthorisedReporter = ({ organisation, organisationId, reporterId }: RegisterTicket['data']) => {
  if (organisation.status === 'unregistered' || organisation.id !== organisationId)
    return refuse(
      'forbidden',
      'unknown_organisation',
      `Organisation ${organisationId} is not registered for support.`,
    );
  if (organisation.status === 'inactive')
    return refuse(
      'forbidden',
      'organisation_inactive',
      `${organisation.name} has no active support contract.`,
    );
  const contact = organisation.contacts[reporterId];
  if (contact?.active && contact.authorised) return;
  // An erased contact's name is gone: the refusal names only the id, and no one to ask.
  if (contact?.erased)
    return refuse(
      'forbidden',
      'reporter_erased',
      `Contact ${reporterId} was erased on request: no tickets can be filed for them.`,
    );
  const administrators = activeAdministrators(organisation).map(({ id, name, email }) => ({
    id,
    name,
    email,
  }));
  const who = contact ? contact.name : `Contact ${reporterId}`;
  refuse(
    'forbidden',
    'reporter_not_authorised',
    `${who} is not authorised for support by ${organisation.name}. Ask an administrator to authorise them: ` +
      `${administrators.map((a) => `${a.name} <${a.email}>`).join(', ') || 'the organisation has none active'}.`,
    { organisation: organisation.name, administrators },
  );
};
