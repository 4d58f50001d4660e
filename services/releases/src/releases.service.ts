import type { ServiceDefinition } from '@helpdesk/platform';
import { ReleasesModule } from './releases.module';
import { loadTrainSchedule } from './trains/train-schedule.config';

export const releasesService: ServiceDefinition = {
  name: 'releases',
  description: 'Two-weekly release trains that carry fixes and tell the tickets they fix.',
  features: [ReleasesModule],
  defaultPort: 3005,
  defaultMode: 'distributed',
  settings: [(env) => loadTrainSchedule(env)],
};
