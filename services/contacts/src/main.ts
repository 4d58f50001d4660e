import { startService } from '@helpdesk/platform';
import { contactsService } from './contacts.service';

void startService(contactsService);
