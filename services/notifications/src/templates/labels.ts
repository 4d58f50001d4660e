import type { Priority, TicketKind } from '@helpdesk/contracts';
import type { Language } from '../domain/recipients';
import type { SlaMetric } from '../domain/sla-alert';
import type { TicketStatus } from '../domain/ticket-audience';

export interface Labels {
  status: Record<TicketStatus, string>;
  priority: Record<Priority, string>;
  kind: Record<TicketKind, string>;
  metric: Record<SlaMetric, string>;
}

/** The words templates use for the events' values (`{{label "status" status.to}}`). */
export const LABELS: Record<Language, Labels> = {
  en: {
    status: {
      new: 'new',
      open: 'open',
      in_progress: 'in progress',
      waiting_for_customer: 'waiting for your reply',
      waiting_for_third_party: 'waiting for a third party',
      workaround_provided: 'workaround provided',
      fix_scheduled: 'fix scheduled',
      resolved: 'resolved',
      closed: 'closed',
      accepted: 'wish accepted',
    },
    priority: {
      P1: 'P1 (business critical)',
      P2: 'P2 (urgent, a workaround exists)',
      P3: 'P3 (non-critical problem or question)',
      P4: 'P4 (minor issue or wish)',
    },
    kind: { question: 'question', error: 'error', outage: 'outage', wish: 'wish' },
    metric: {
      triage: 'triage time',
      first_response: 'first response time',
      resolution: 'resolution time',
    },
  },
  nl: {
    status: {
      new: 'nieuw',
      open: 'open',
      in_progress: 'in behandeling',
      waiting_for_customer: 'wacht op uw reactie',
      waiting_for_third_party: 'wacht op een derde partij',
      workaround_provided: 'tijdelijke oplossing geboden',
      fix_scheduled: 'oplossing ingepland',
      resolved: 'opgelost',
      closed: 'gesloten',
      accepted: 'wens geaccepteerd',
    },
    priority: {
      P1: 'P1 (productieverstorend)',
      P2: 'P2 (urgent, er is een workaround)',
      P3: 'P3 (niet-kritiek probleem of vraag)',
      P4: 'P4 (klein probleem of wens)',
    },
    kind: { question: 'vraag', error: 'fout', outage: 'storing', wish: 'wens' },
    metric: {
      triage: 'beoordelingstijd',
      first_response: 'reactietijd',
      resolution: 'hersteltijd',
    },
  },
};
