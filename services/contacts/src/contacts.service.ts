import type { ServiceDefinition } from '@helpdesk/platform';
import { ContactsModule } from './contacts.module';
import { loadRetentionSettings } from './retention/retention.settings';

export const contactsService: ServiceDefinition = {
  name: 'contacts',
  description: 'Organisations, contacts and who is authorised for support.',
  features: [ContactsModule.forService()],
  defaultPort: 3002,
  defaultMode: 'distributed',
  settings: [(env) => loadRetentionSettings(env)],
};
