import type { ServiceDefinition } from '@helpdesk/platform';
import { MailInModule } from './mail-in/mail-in.module';
import { TicketsModule } from './tickets.module';

export const ticketsService: ServiceDefinition = {
  name: 'tickets',
  description:
    'Tickets: registration, triage, the lifecycle, comments, attachments, history; agent and portal read API.',
  features: [TicketsModule, MailInModule],
  defaultPort: 3001,
  defaultMode: 'distributed',
};
