import type { ServiceDefinition } from '@helpdesk/platform';
import { ContactsModule } from './contacts.module';

export const contactsService: ServiceDefinition = {
  name: 'contacts',
  description: 'Organisations, contacts and who is authorised for support.',
  features: [ContactsModule],
  defaultPort: 3002,
  defaultMode: 'distributed',
};
