import type { Decider } from '@helpdesk/decider';
import type { PolicyCatalog } from '../policy/policy-history';
import type { SlaEvent } from '@helpdesk/contracts';
import type { SlaClockCommand } from './sla-clock.commands';
import { decideSlaClocks } from './sla-clock.decide';
import { evolveSlaClocks, initialSlaClocks, type SlaClocks } from './sla-clock.state';

/**
 * A ticket's SLA clocks, one per metric its policy measures; the stream is `sla-<ticketId>`.
 * The policies come in from outside, so the same decider replays history under another policy
 * for what-if reports.
 */
export const slaClockDecider = (policies: PolicyCatalog): Decider<SlaClockCommand, SlaEvent, SlaClocks> => ({
  initialState: initialSlaClocks,
  decide: decideSlaClocks(policies),
  evolve: evolveSlaClocks,
});

export const slaStream = (ticketId: string) => `sla-${ticketId}`;
