import { startService } from '@helpdesk/platform';
import { standaloneService } from './standalone.service';

void startService(standaloneService);
