import type { TicketEvent } from '@helpdesk/contracts';
import type { StatusChange, TicketUpdateData } from './notification';
import type { TicketAudience } from './ticket-audience';

type UpdateSections = Omit<TicketUpdateData, 'ticket' | 'recipientName'>;

/**
 * What one command changed that the customer side is told about: status, priority, a public
 * comment, a shipped fix. `undefined` when nothing of that kind happened (an assignment, an
 * attachment, an internal comment).
 */
export const summariseUpdate = (
  events: readonly TicketEvent[],
  before: TicketAudience,
  after: TicketAudience,
): UpdateSections | undefined => {
  const sections: UpdateSections = {};
  const status: StatusChange = { from: before.status, to: after.status };
  // A fix moved to another release leaves the status as it was, yet its date is news.
  let statusNews = before.status !== after.status;
  for (const { type, data } of events) {
    switch (type) {
      case 'TicketTriaged':
        sections.priority = { to: data.priority };
        break;
      case 'PriorityChanged':
      case 'ReassessmentAccepted':
        sections.priority = { from: data.from, to: data.to, reason: data.reason };
        break;
      case 'CommentAdded':
        if (data.visibility === 'public') {
          sections.comment = { body: data.body, fromSupport: data.authorRole === 'agent' };
        }
        break;
      case 'FixReleased':
        sections.fixReleased = { version: data.version };
        break;
      case 'WaitingForCustomer':
        status.question = data.question;
        break;
      case 'WaitingForThirdParty':
        Object.assign(status, { thirdParty: data.thirdParty, reason: data.reason });
        break;
      case 'WorkaroundProvided':
        status.workaround = data.workaround;
        break;
      case 'FixScheduled':
        status.fix = { version: data.version, plannedDate: data.plannedDate };
        statusNews = true;
        break;
      case 'TicketResolved':
        status.resolution = data.resolution;
        break;
      case 'TicketClosed':
        status.closedAutomatically = data.reason === 'auto';
        break;
      case 'FixUnscheduled':
      case 'TicketReopened':
      case 'WishDeclined':
        status.reason = data.reason;
        break;
    }
  }
  if (statusNews) sections.status = status;
  return Object.keys(sections).length > 0 ? sections : undefined;
};
