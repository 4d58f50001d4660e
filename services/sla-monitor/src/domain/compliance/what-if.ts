import type { TicketEvent } from '@helpdesk/contracts';
import { replayTicket } from '../clock/replay';
import { slaClockDecider } from '../clock/sla-clock.decider';
import { onlyPolicy } from '../policy/policy-history';
import type { SlaPolicy } from '../policy/sla-policy';
import { type ClockOutcome, clockOutcomes } from './clock-outcomes';

/**
 * How tickets would have done under another policy: each ticket's events replayed through the
 * same clocks with that policy (whatever was in force when they were registered), ticked to the
 * end of the period. Nothing is stored or published: the real history stays as it was.
 */
export const whatIf = (
  histories: readonly (readonly TicketEvent[])[],
  policy: SlaPolicy,
  periodEnd: string,
): ClockOutcome[] => {
  const decider = slaClockDecider(onlyPolicy(policy));
  return histories.flatMap((history) => clockOutcomes(replayTicket(decider, history, policy.id, periodEnd)));
};
