import {
  ACTIVE_STATUSES,
  FIX_SCHEDULABLE_STATUSES,
  type Priority,
  type TicketKind,
  type TicketStatus,
} from '@helpdesk/contracts';

/** A field an action's form asks for; the desk's command body names it the same. */
export type ActionField = 'priority' | 'reason' | 'question' | 'thirdParty' | 'workaround' | 'resolution';

export type ActionName =
  | 'triage'
  | 'changePriority'
  | 'start'
  | 'waitForCustomer'
  | 'customerReplied'
  | 'waitForThirdParty'
  | 'resume'
  | 'workaround'
  | 'resolve'
  | 'close'
  | 'reopen'
  | 'acceptWish'
  | 'declineWish';

export interface AgentAction {
  /** The portal's name for it, in the form's URL and the catalog (`agent.action.<name>`). */
  name: ActionName;
  /** The desk's command path under /tickets/{id}. */
  path: string;
  fields: readonly ActionField[];
}

/** What of a ticket decides which status changes it takes. */
export interface TicketFacts {
  status: TicketStatus;
  kind: TicketKind;
  priority?: Priority;
}

interface ActionRule extends AgentAction {
  from: readonly TicketStatus[];
  when?: (ticket: TicketFacts) => boolean;
}

const ACTIVE_OR_ACCEPTED: readonly TicketStatus[] = [...ACTIVE_STATUSES, 'accepted'];
const isWish = (ticket: TicketFacts) => ticket.kind === 'wish';

// The lifecycle as the tickets service's deciders enforce it (services/tickets/src/domain/decide):
// the portal offers only what the desk would accept, and the desk still has the last word.
const RULES: readonly ActionRule[] = [
  { name: 'triage', path: 'triage', fields: ['priority'], from: ['new'] },
  { name: 'changePriority', path: 'priority', fields: ['priority', 'reason'], from: ACTIVE_OR_ACCEPTED },
  { name: 'start', path: 'start', fields: [], from: ['open', 'workaround_provided', 'accepted'] },
  {
    name: 'waitForCustomer',
    path: 'waiting-for-customer',
    fields: ['question'],
    from: ['open', 'in_progress', 'workaround_provided'],
  },
  { name: 'customerReplied', path: 'customer-reply', fields: [], from: ['waiting_for_customer'] },
  {
    name: 'waitForThirdParty',
    path: 'waiting-for-third-party',
    fields: ['thirdParty', 'reason'],
    from: ['open', 'in_progress'],
  },
  { name: 'resume', path: 'resume', fields: [], from: ['waiting_for_third_party'] },
  {
    name: 'workaround',
    path: 'workaround',
    fields: ['workaround'],
    from: ['open', 'in_progress', 'waiting_for_third_party'],
    when: (ticket) => ticket.priority === 'P1' || ticket.priority === 'P2',
  },
  { name: 'resolve', path: 'resolve', fields: ['resolution'], from: ACTIVE_OR_ACCEPTED },
  { name: 'close', path: 'close', fields: [], from: ['resolved'] },
  { name: 'reopen', path: 'reopen', fields: ['reason'], from: ['resolved', 'closed'] },
  { name: 'acceptWish', path: 'wish/accept', fields: [], from: ['new', 'open', 'in_progress'], when: isWish },
  {
    name: 'declineWish',
    path: 'wish/decline',
    fields: ['reason'],
    from: ['new', 'open', 'in_progress', 'accepted'],
    when: isWish,
  },
];

/** The status changes (and priority decisions) an agent may make on the ticket as it is now. */
export const allowedActions = (ticket: TicketFacts): AgentAction[] =>
  RULES.filter((rule) => rule.from.includes(ticket.status) && (rule.when?.(ticket) ?? true)).map(
    ({ name, path, fields }) => ({ name, path, fields }),
  );

/** The action called `name`, if the ticket takes it now: a posted form is checked against this. */
export const allowedAction = (ticket: TicketFacts, name: string) =>
  allowedActions(ticket).find((action) => action.name === name);

/** A fix goes into a release only while the ticket is being worked on (the releases service checks too). */
export const takesScheduledFix = (ticket: TicketFacts) => FIX_SCHEDULABLE_STATUSES.includes(ticket.status);

/** Comments and assignment: anything but a closed ticket. */
export const takesComments = (ticket: TicketFacts) => ticket.status !== 'closed';
