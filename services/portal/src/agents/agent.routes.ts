import { liveRoutes } from '../live/live.routes';
import type { PortalRoute } from '../portal-app';
import { queueRoutes } from './queue.page';
import { releaseTrainRoutes } from './release-trains.page';
import { slaBoardRoutes } from './sla-board.page';
import { workspaceRoutes } from './workspace.page';

/** Every agents' page, and the live streams the ticket and queue pages follow. */
export const agentRoutes = (): PortalRoute[] => [
  ...queueRoutes(),
  ...workspaceRoutes(),
  ...slaBoardRoutes(),
  ...releaseTrainRoutes(),
  ...liveRoutes(),
];
