import type { RedactText } from '../ticket.commands';
import type { TicketEvent } from '../ticket.events';
import { refuse, requireAgent, requireText } from '../ticket.rules';
import type { RegisteredTicket } from '../ticket.state';

/** What a view shows in place of a redacted text. */
export const REDACTED = '[redacted]';

/**
 * An agent redacts a comment or the description that holds personal data (GDPR 19.3), with a
 * reason. The event records who and why; the text's own key is deleted by the command's handler,
 * so every sealed copy of the text opens nowhere. A closed ticket can be redacted too: erasure
 * does not wait for a reopening. Redacting twice records nothing the second time.
 */
export const decideRedaction = (command: RedactText, ticket: RegisteredTicket): TicketEvent[] => {
  requireAgent(command.actor, 'redact texts');
  const reason = requireText(command.data.reason, 'The reason', 1000);
  const change = { ticketId: ticket.id, by: command.actor.id, at: command.at, reason };
  const { text } = command.data;
  if (text === 'description')
    return ticket.redacted.includes('description') ? [] : [{ type: 'DescriptionRedacted', data: change }];
  if (!ticket.commentIds.includes(text.comment))
    refuse('not_found', 'comment_not_found', `The ticket has no comment ${text.comment}.`);
  if (ticket.redacted.includes(`comment/${text.comment}`)) return [];
  return [{ type: 'CommentRedacted', data: { ...change, commentId: text.comment } }];
};

/** The text key a redaction deletes (see ticketTextSubject in the contract). */
export const redactedText = (text: RedactText['data']['text']) =>
  text === 'description' ? 'description' : (`comment/${text.comment}` as const);
