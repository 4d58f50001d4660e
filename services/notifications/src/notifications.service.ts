import type { ServiceDefinition } from '@helpdesk/platform';
import { NotificationsModule } from './notifications.module';
import { loadNotificationSettings } from './notifications.settings';

export const notificationsService: ServiceDefinition = {
  name: 'notifications',
  description: "Who is told what: e-mail in the recipient's language, retries, the delivery log.",
  features: [NotificationsModule],
  defaultPort: 3004,
  defaultMode: 'distributed',
  settings: [(env, mode) => loadNotificationSettings(mode, env)],
};
