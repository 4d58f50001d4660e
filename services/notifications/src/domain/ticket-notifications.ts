import type {
  Participant,
  ReassessmentAccepted,
  ReassessmentDeclined,
  TicketRegistered,
} from '@helpdesk/contracts';
import { causingEventId } from './command-news';
import { type Cause, type Notification, notify } from './notification';
import { addressAll, type Recipient, type RecipientDirectory } from './recipients';
import type { RecordedTicketEvent } from './recorded-event';
import { type AudienceState, foldAudience, type TicketAudience } from './ticket-audience';
import { summariseUpdate } from './ticket-update';

export interface TicketNotificationInput {
  /** The events of ONE command, in stream order (see groupByCommand). */
  events: readonly RecordedTicketEvent[];
  /** The ticket as it was before these events. */
  before: AudienceState;
  directory: RecipientDirectory;
  /**
   * The first event of the command these events continue, when they are not its first (a
   * consumer handling one event at a time): messages are keyed by it, so a recipient is not told
   * the same command twice.
   */
  commandStart?: RecordedTicketEvent;
}

export interface NotificationDecision {
  messages: Notification[];
  /** The ticket after these events: what the caller keeps for the next batch. */
  after: AudienceState;
  /** Recipients the directory did not know (no longer active, or not found): for the log. */
  unknownRecipients: Recipient[];
}

interface Told {
  messages: Notification[];
  unknown: Recipient[];
}

interface Context {
  events: readonly RecordedTicketEvent[];
  before: AudienceState;
  after: TicketAudience;
  directory: RecipientDirectory;
  cause: Cause;
  commandStart?: RecordedTicketEvent;
}

/**
 * Who is told what about one command on a ticket. At most one message per recipient:
 * a command's events are summarised together.
 */
export const decideTicketNotifications = ({
  events,
  before,
  directory,
  commandStart,
}: TicketNotificationInput): NotificationDecision => {
  const after = foldAudience(before, events);
  if (events.length === 0 || !after) return { messages: [], after, unknownRecipients: [] };
  const context = {
    events,
    before,
    after,
    directory,
    cause: { ticketId: after.ticketId, eventId: (commandStart ?? events[0]).id },
    commandStart,
  };
  const registration = events.find(isRegistration);
  const told = registration
    ? [confirmRegistration(registration, context)]
    : [tellRequester(context), tellAudience(context)];
  return {
    messages: told.flatMap((t) => t.messages),
    after,
    unknownRecipients: told.flatMap((t) => t.unknown),
  };
};

// The confirmation is the point of registering: the reporter gets it even when they filed it themselves.
const confirmRegistration = (registration: TicketRegistered, { after, directory, cause }: Context): Told => {
  const { kind, description } = registration.data;
  const data = {
    ticket: ticketOf(after),
    kind,
    description,
    isOutage: kind === 'outage',
    isWish: kind === 'wish',
  };
  const { addressees, unknown } = addressAll([{ contactId: after.reporterId }], directory);
  // Filed from a mail: the confirmation answers it, in the sender's own thread.
  const answering = registration.data.receivedMail
    ? { ...cause, inReplyTo: registration.data.receivedMail.messageId }
    : cause;
  return { messages: addressees.map((to) => notify('ticket-registered', to, data, answering)), unknown };
};

const tellRequester = ({ events, after, directory, cause }: Context): Told => {
  const decision = events.find(isReassessmentDecision);
  if (!decision) return { messages: [], unknown: [] };
  const { addressees, unknown } = addressAll(requesterOf(events), directory, actorsOf(events));
  const data = reassessmentData(decision, after);
  return { messages: addressees.map((to) => notify('reassessment-decided', to, data, cause)), unknown };
};

const tellAudience = ({ events, before, after, directory, cause, commandStart }: Context): Told => {
  const sections = before && summariseUpdate(events, before, after);
  if (!sections) return { messages: [], unknown: [] };
  const keyedBy =
    commandStart && commandStart.id !== events[0].id
      ? { ...cause, eventId: causingEventId(events[0], commandStart, sections, after.kind) }
      : cause;
  if (sections.comment && !sections.comment.fromSupport) {
    sections.comment.authorName = directory.contacts[events[0].data.by]?.name;
  }
  // The requester reads the decision, which names the new priority: one message is enough.
  const excluded = [...actorsOf(events), ...requesterOf(events)];
  const { addressees, unknown } = addressAll(audienceOf(after), directory, excluded);
  const data = { ticket: ticketOf(after), ...sections };
  return { messages: addressees.map((to) => notify('ticket-updated', to, data, keyedBy)), unknown };
};

const ticketOf = ({ number, subject }: TicketAudience) => ({ number, subject });

/** The reporter, then everyone added to the ticket. */
const audienceOf = (ticket: TicketAudience): Recipient[] => [
  { contactId: ticket.reporterId },
  ...ticket.participants.map(asRecipient),
];

const asRecipient = (participant: Participant): Recipient =>
  'contactId' in participant ? { contactId: participant.contactId } : { email: participant.email };

// People are not told what they did themselves (their own comment, their own confirmation).
const actorsOf = (events: readonly RecordedTicketEvent[]): Recipient[] =>
  [...new Set(events.map((e) => e.data.by))].map((id) => ({ contactId: id }));

const requesterOf = (events: readonly RecordedTicketEvent[]): Recipient[] =>
  events.filter(isReassessmentDecision).map((e) => ({ contactId: e.data.requestedBy }));

const isRegistration = (event: RecordedTicketEvent): event is RecordedTicketEvent & TicketRegistered =>
  event.type === 'TicketRegistered';

type ReassessmentDecision = RecordedTicketEvent & (ReassessmentAccepted | ReassessmentDeclined);

const isReassessmentDecision = (event: RecordedTicketEvent): event is ReassessmentDecision =>
  event.type === 'ReassessmentAccepted' || event.type === 'ReassessmentDeclined';

const reassessmentData = (decision: ReassessmentDecision, after: TicketAudience) => {
  const ticket = ticketOf(after);
  if (decision.type === 'ReassessmentDeclined') {
    return { ticket, accepted: false, reason: decision.data.reason, currentPriority: after.priority };
  }
  const { from, to, reason } = decision.data;
  return { ticket, accepted: true, reason, from, to, currentPriority: to };
};

/**
 * The contacts whose names and addresses one command's messages may need: look them up
 * (active ones only) and pass them in as the directory.
 */
export const contactsToLookUp = (events: readonly RecordedTicketEvent[], before: AudienceState): string[] => {
  const ids = events.flatMap((e) => [e.data.by, ...('requestedBy' in e.data ? [e.data.requestedBy] : [])]);
  for (const ticket of [before, foldAudience(before, events)]) {
    if (!ticket) continue;
    ids.push(
      ticket.reporterId,
      ...ticket.participants.flatMap((p) => ('contactId' in p ? [p.contactId] : [])),
    );
  }
  return [...new Set(ids)];
};
