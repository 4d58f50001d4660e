import type { ServiceDefinition } from '@helpdesk/platform';
import { contactsService } from '@helpdesk/contacts-service';
import { checkPortalSettings } from '@helpdesk/portal-service';
import { notificationsService } from '@helpdesk/notifications-service';
import { releasesService } from '@helpdesk/releases-service';
import { slaMonitorService } from '@helpdesk/sla-monitor-service';
import { ticketsService } from '@helpdesk/tickets-service';

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
