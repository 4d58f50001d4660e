import { FIX_SCHEDULABLE_STATUSES } from '@helpdesk/contracts';
import type {
  AcceptWish,
  CloseTicket,
  DeclineWish,
  ProvideWorkaround,
  RecordCustomerReply,
  ReleaseFix,
  ReopenTicket,
  ResolveTicket,
  ResumeWork,
  ScheduleFix,
  StartWork,
  UnscheduleFix,
  WaitForCustomer,
  WaitForThirdParty,
} from '../ticket.commands';
import type { TicketEvent } from '../ticket.events';
import {
  ACTIVE,
  refuse,
  requireAgent,
  requireAgentOrSystem,
  requireCustomerSide,
  requireStatus,
  requireText,
} from '../ticket.rules';
import type { RegisteredTicket } from '../ticket.state';

type LifecycleCommand =
  | StartWork
  | WaitForCustomer
  | RecordCustomerReply
  | WaitForThirdParty
  | ResumeWork
  | ProvideWorkaround
  | ScheduleFix
  | UnscheduleFix
  | ReleaseFix
  | ResolveTicket
  | CloseTicket
  | ReopenTicket
  | AcceptWish
  | DeclineWish;

const DAY_MS = 24 * 60 * 60 * 1000;

export const decideLifecycle = (command: LifecycleCommand, ticket: RegisteredTicket): TicketEvent[] => {
  const change = { ticketId: ticket.id, by: command.actor.id, at: command.at };
  switch (command.type) {
    case 'StartWork':
      requireAgent(command.actor, 'start work on tickets');
      requireStatus(ticket, ['open', 'workaround_provided', 'accepted'], 'be started');
      return [{ type: 'WorkStarted', data: change }];

    case 'WaitForCustomer':
      requireAgent(command.actor, 'ask the customer');
      requireStatus(ticket, ['open', 'in_progress', 'workaround_provided'], 'wait for the customer');
      return [
        {
          type: 'WaitingForCustomer',
          data: { ...change, question: requireText(command.data.question, 'The question', 20000) },
        },
      ];

    case 'RecordCustomerReply':
      requireAgent(command.actor, 'record a customer reply');
      requireStatus(ticket, ['waiting_for_customer'], 'record a customer reply');
      return [{ type: 'CustomerReplied', data: change }];

    case 'WaitForThirdParty':
      requireAgent(command.actor, 'wait for a third party');
      requireStatus(ticket, ['open', 'in_progress'], 'wait for a third party');
      return [
        {
          type: 'WaitingForThirdParty',
          data: {
            ...change,
            thirdParty: requireText(command.data.thirdParty, 'The third party', 200),
            reason: requireText(command.data.reason, 'The reason', 2000),
          },
        },
      ];

    case 'ResumeWork':
      requireAgent(command.actor, 'resume work');
      requireStatus(ticket, ['waiting_for_third_party'], 'resume work');
      return [{ type: 'WorkResumed', data: change }];

    case 'ProvideWorkaround':
      requireAgent(command.actor, 'provide a workaround');
      requireStatus(ticket, ['open', 'in_progress', 'waiting_for_third_party'], 'get a workaround');
      if (ticket.priority !== 'P1' && ticket.priority !== 'P2') {
        refuse(
          'illegal_transition',
          'workaround_for_p1_p2',
          'A workaround restores service for P1 and P2 tickets; resolve this ticket instead.',
        );
      }
      return [
        {
          type: 'WorkaroundProvided',
          data: { ...change, workaround: requireText(command.data.workaround, 'The workaround', 20000) },
        },
      ];

    case 'ScheduleFix': {
      requireAgentOrSystem(command.actor, 'schedule fixes');
      requireStatus(ticket, FIX_SCHEDULABLE_STATUSES, 'have a fix scheduled');
      const { releaseId, version, plannedDate } = command.data;
      const fix = ticket.fix;
      if (fix && fix.releaseId === releaseId && fix.plannedDate === plannedDate && fix.version === version)
        return [];
      return [{ type: 'FixScheduled', data: { ...change, releaseId, version, plannedDate } }];
    }

    case 'UnscheduleFix':
      requireAgentOrSystem(command.actor, 'take fixes out of a release');
      if (ticket.status !== 'fix_scheduled' || ticket.fix?.releaseId !== command.data.releaseId) return [];
      return [
        {
          type: 'FixUnscheduled',
          data: { ...change, releaseId: command.data.releaseId, reason: command.data.reason },
        },
      ];

    case 'ReleaseFix': {
      requireAgentOrSystem(command.actor, 'release fixes');
      const { releaseId, version } = command.data;
      const alreadyReleased =
        (ticket.status === 'resolved' || ticket.status === 'closed') && ticket.fix?.releaseId === releaseId;
      if (alreadyReleased) return [];
      if (ticket.status !== 'fix_scheduled' || ticket.fix?.releaseId !== releaseId) {
        refuse(
          'illegal_transition',
          'fix_not_in_release',
          `This ticket's fix is not scheduled in release ${version}.`,
        );
      }
      return [
        { type: 'FixReleased', data: { ...change, releaseId, version } },
        { type: 'TicketResolved', data: { ...change, resolution: `Fix released in ${version}` } },
      ];
    }

    case 'ResolveTicket':
      requireAgent(command.actor, 'resolve tickets');
      requireStatus(ticket, [...ACTIVE, 'accepted'], 'be resolved');
      return [
        {
          type: 'TicketResolved',
          data: { ...change, resolution: requireText(command.data.resolution, 'The resolution', 20000) },
        },
      ];

    case 'CloseTicket':
      requireStatus(ticket, ['resolved'], 'be closed');
      if (command.data.reason === 'auto') {
        if (command.actor.role !== 'system')
          refuse('forbidden', 'system_only', 'Only the desk closes tickets automatically.');
        const days = command.data.autoCloseAfterDays ?? 0;
        if (Date.parse(command.at) - Date.parse(ticket.resolvedAt!) < days * DAY_MS) {
          refuse(
            'illegal_transition',
            'too_early',
            `A resolved ticket closes automatically after ${days} days.`,
          );
        }
      } else if (command.actor.role !== 'agent') {
        requireCustomerSide(command.actor, ticket, 'confirm the solution');
      }
      return [{ type: 'TicketClosed', data: { ...change, reason: command.data.reason } }];

    case 'ReopenTicket':
      if (command.actor.role !== 'agent') requireCustomerSide(command.actor, ticket, 'reopen the ticket');
      requireStatus(ticket, ['resolved', 'closed'], 'be reopened');
      return [
        {
          type: 'TicketReopened',
          data: { ...change, reason: requireText(command.data.reason, 'The reason', 2000) },
        },
      ];

    case 'AcceptWish':
      requireAgent(command.actor, 'accept wishes');
      requireWish(ticket);
      requireStatus(ticket, ['new', 'open', 'in_progress'], 'be accepted');
      return [{ type: 'WishAccepted', data: change }];

    case 'DeclineWish':
      requireAgent(command.actor, 'decline wishes');
      requireWish(ticket);
      requireStatus(ticket, ['new', 'open', 'in_progress', 'accepted'], 'be declined');
      return [
        {
          type: 'WishDeclined',
          data: { ...change, reason: requireText(command.data.reason, 'The reason', 2000) },
        },
      ];
  }
};

const requireWish = (ticket: RegisteredTicket) => {
  if (ticket.kind !== 'wish')
    refuse(
      'illegal_transition',
      'not_a_wish',
      `Only wishes are accepted or declined; this is ${ticket.kind === 'error' ? 'an' : 'a'} ${ticket.kind}.`,
    );
};
