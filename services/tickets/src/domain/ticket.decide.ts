import { decideConversation } from './decide/conversation';
import { decideLifecycle } from './decide/lifecycle';
import { decidePriority } from './decide/priority';
import { decideRedaction } from './decide/redaction';
import { register } from './decide/registration';
import type { TicketCommand } from './ticket.commands';
import type { TicketEvent } from './ticket.events';
import { refuse, requireAccess } from './ticket.rules';
import type { Ticket } from './ticket.state';

export const decideTicket = (command: TicketCommand, state: Ticket): TicketEvent[] => {
  if (command.type === 'RegisterTicket') return register(command, state);
  if (state.status === 'unregistered') refuse('not_found', 'ticket_not_found', 'There is no such ticket.');
  requireAccess(command.actor, state);
  switch (command.type) {
    case 'TriageTicket':
    case 'ChangePriority':
    case 'RequestReassessment':
    case 'DecideReassessment':
      return decidePriority(command, state);
    case 'AssignTicket':
    case 'AddComment':
    case 'AddAttachment':
    case 'AddParticipant':
    case 'RemoveParticipant':
    case 'GiveRemoteSessionConsent':
    case 'WithdrawRemoteSessionConsent':
      return decideConversation(command, state);
    case 'RedactText':
      return decideRedaction(command, state);
    default:
      return decideLifecycle(command, state);
  }
};
