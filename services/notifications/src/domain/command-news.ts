import { statusSetBy, type TicketEvent, type TicketKind } from '@helpdesk/contracts';
import type { TicketUpdateData } from './notification';

type NewsKind = keyof Omit<TicketUpdateData, 'ticket' | 'recipientName'>;

/**
 * What the message of a command's first event told the customer side by itself. A released fix
 * counts as telling the resolution it brings: shipping is one mail, not "released" then "resolved".
 */
const toldBy = (event: TicketEvent, kind: TicketKind): NewsKind[] => {
  switch (event.type) {
    case 'CommentAdded':
      return event.data.visibility === 'public' ? ['comment'] : [];
    case 'FixReleased':
      return ['fixReleased', 'status'];
    case 'TicketTriaged':
      return ['status', 'priority'];
    case 'PriorityChanged':
    case 'ReassessmentAccepted':
      return ['priority'];
    default:
      return statusSetBy(event, kind) ? ['status'] : [];
  }
};

/**
 * The event a later event of a command keys its messages by. The command's first event, so a
 * recipient is not told twice what one command did; but when the later event brings news of a
 * kind the first one's message did not carry (the reporter's comment, then the status change
 * their reply makes), that news is a message of its own, keyed by the later event: seed 004
 * mails everyone involved on every status change.
 */
export const causingEventId = (
  event: TicketEvent & { id: string },
  commandStart: TicketEvent & { id: string },
  news: Partial<Record<NewsKind, unknown>>,
  kind: TicketKind,
): string => {
  const told = toldBy(commandStart, kind);
  const untold = (Object.keys(news) as NewsKind[]).some((section) => !told.includes(section));
  return untold ? event.id : commandStart.id;
};
