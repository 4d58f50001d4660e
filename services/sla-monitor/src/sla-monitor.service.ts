import type { ServiceDefinition } from '@helpdesk/platform';
import { loadSlaSettings } from './application/sla-settings';
import { SlaMonitorModule } from './sla-monitor.module';

export const slaMonitorService: ServiceDefinition = {
  name: 'sla-monitor',
  description: 'SLA clocks in business time: warnings, breaches, compliance and what-if.',
  features: [SlaMonitorModule],
  defaultPort: 3003,
  defaultMode: 'distributed',
  settings: [(env) => loadSlaSettings(env)],
};
