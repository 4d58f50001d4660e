import { startService } from '@helpdesk/platform';
import { releasesService } from './releases.service';

void startService(releasesService);
