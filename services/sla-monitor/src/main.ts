import { startService } from '@helpdesk/platform';
import { slaMonitorService } from './sla-monitor.service';

void startService(slaMonitorService);
