import type { LanguageTemplates } from '../template-sources';
import { layout } from './layout';
import { ticketRegistered } from './ticket-registered';
import { ticketUpdated } from './ticket-updated';
import { reassessmentDecided } from './reassessment-decided';
import { slaAlert } from './sla-alert';
import { mailRefused } from './mail-refused';

export const english: LanguageTemplates = {
  layout,
  'ticket-registered': ticketRegistered,
  'ticket-updated': ticketUpdated,
  'reassessment-decided': reassessmentDecided,
  'sla-alert': slaAlert,
  'mail-refused': mailRefused,
};
