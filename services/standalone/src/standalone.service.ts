import type { ServiceDefinition } from '@helpdesk/platform';
import { contactsService } from '../../contacts/src/contacts.service';
import { notificationsService } from '../../notifications/src/notifications.service';
import { releasesService } from '../../releases/src/releases.service';
import { slaMonitorService } from '../../sla-monitor/src/sla-monitor.service';
import { checkPortalSettings } from '../../portal/src/portal';
import { ticketsService } from '../../tickets/src/tickets.service';

export const desk = [
  ticketsService,
  contactsService,
  slaMonitorService,
  notificationsService,
  releasesService,
];

/** The whole desk in one process on embedded defaults: what `npm start` runs. */
export const standaloneService: ServiceDefinition = {
  name: 'standalone',
  description:
    'The whole support desk in one process: tickets, contacts, SLA clocks, notifications, releases.',
  features: desk.flatMap((service) => service.features),
  defaultPort: 3000,
  defaultMode: 'standalone',
  settings: [...desk.flatMap((service) => service.settings ?? []), checkPortalSettings],
};
