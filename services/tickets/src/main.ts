import { startService } from '@helpdesk/platform';
import { ticketsService } from './tickets.service';

void startService(ticketsService);
