import type {
  ChangePriority,
  DecideReassessment,
  RequestReassessment,
  TriageTicket,
} from '../ticket.commands';
import type { TicketEvent } from '../ticket.events';
import {
  ACTIVE,
  refuse,
  requireAgent,
  requireCustomerSide,
  requireStatus,
  requireText,
} from '../ticket.rules';
import type { RegisteredTicket } from '../ticket.state';

type PriorityCommand = TriageTicket | ChangePriority | RequestReassessment | DecideReassessment;

/** Only agents set priority; the customer may ask them to look again, with a reason. */
export const decidePriority = (command: PriorityCommand, ticket: RegisteredTicket): TicketEvent[] => {
  const change = { ticketId: ticket.id, by: command.actor.id, at: command.at };
  switch (command.type) {
    case 'TriageTicket':
      requireAgent(command.actor, 'triage tickets');
      requireStatus(ticket, ['new'], 'be triaged (change its priority instead)');
      return [{ type: 'TicketTriaged', data: { ...change, priority: command.data.priority } }];

    case 'ChangePriority': {
      requireAgent(command.actor, 'change the priority');
      requireStatus(ticket, [...ACTIVE, 'accepted'], 'change priority');
      const from = ticket.priority!;
      if (from === command.data.priority) return [];
      const reason = requireText(command.data.reason, 'The reason', 2000);
      return [{ type: 'PriorityChanged', data: { ...change, from, to: command.data.priority, reason } }];
    }

    case 'RequestReassessment':
      requireCustomerSide(command.actor, ticket, 'request a reassessment');
      requireStatus(ticket, ACTIVE, 'be reassessed');
      if (ticket.pendingReassessment) {
        refuse(
          'conflict',
          'reassessment_pending',
          'A reassessment of this ticket is already waiting for an agent.',
        );
      }
      return [
        {
          type: 'ReassessmentRequested',
          data: {
            ...change,
            reason: requireText(command.data.reason, 'The reason', 2000),
            ...(command.data.proposedPriority ? { proposedPriority: command.data.proposedPriority } : {}),
          },
        },
      ];

    case 'DecideReassessment': {
      requireAgent(command.actor, 'decide on a reassessment');
      const pending = ticket.pendingReassessment;
      if (!pending) refuse('illegal_transition', 'no_reassessment', 'Nobody asked to reassess this ticket.');
      const reason = requireText(command.data.reason, 'The reason', 2000);
      const requestedBy = pending.requestedBy;
      if (!command.data.accept)
        return [{ type: 'ReassessmentDeclined', data: { ...change, reason, requestedBy } }];
      const to = command.data.priority ?? pending.proposedPriority;
      if (!to) refuse('invalid', 'priority_required', 'Say which priority the ticket gets when accepting.');
      return [
        {
          type: 'ReassessmentAccepted',
          data: { ...change, from: ticket.priority!, to: to!, reason, requestedBy },
        },
      ];
    }
  }
};
