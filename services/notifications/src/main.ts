import { startService } from '@helpdesk/platform';
import { notificationsService } from './notifications.service';

void startService(notificationsService);
