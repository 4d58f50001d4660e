import { contactsService } from '@helpdesk/contacts-service';
import { notificationsService } from '@helpdesk/notifications-service';
import { checkPortalSettings } from '@helpdesk/portal-service';
import { configurationProblems, type ServiceDefinition, serviceSettingsChecks } from '@helpdesk/platform';
import { releasesService } from '@helpdesk/releases-service';
import { slaMonitorService } from '@helpdesk/sla-monitor-service';
import { ticketsService } from '@helpdesk/tickets-service';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './deploy-tools';

const services: Record<string, ServiceDefinition> = {
  tickets: ticketsService,
  contacts: contactsService,
  'sla-monitor': slaMonitorService,
  notifications: notificationsService,
  releases: releasesService,
};

/** What the image itself sets (deploy/Dockerfile's runtime ENV line): NODE_ENV=production above all. */
export const imageEnvironment = (): Record<string, string> => {
  const dockerfile = readFileSync(join(root, 'deploy/Dockerfile'), 'utf8');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const line = /^ENV (.+)$/m.exec(runtime)?.[1] ?? '';
  return Object.fromEntries(line.split(/\s+/).map((pair) => pair.split('=') as [string, string]));
};

/**
 * What a service process would refuse to start with (exit 78) in this environment: every
 * settings check the process itself runs before Nest starts, so a deployment that renders but
 * cannot start fails here, not in a cluster.
 */
export const startUpProblems = (service: string, env: Record<string, string>) => {
  // The portal is no Nest service: its process checks its own settings (services/portal/src/main.ts).
  if (service === 'portal') return configurationProblems([checkPortalSettings], 'distributed', env);
  const definition = services[service];
  if (!definition) return [`${service}: not a service of the desk`];
  return configurationProblems(serviceSettingsChecks(definition), definition.defaultMode, env);
};
