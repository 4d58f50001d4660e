import type { AddressInfo } from 'node:net';
import { startService } from '@helpdesk/platform';
import { buildPortal, servePortalBeside } from '@helpdesk/portal-service';
import { standaloneService } from './standalone.service';

// The desk's APIs, and the portal at `/` and `/portal/` on the same port: the portal calls the
// APIs of this very process over loopback, as any other client would.
void startService(standaloneService).then((app) => {
  if (!app) return;
  const server = app.getHttpServer();
  const { port } = server.address() as AddressInfo;
  const self = `http://127.0.0.1:${port}`;
  const desk = { tickets: self, contacts: self, slaMonitor: self, notifications: self, releases: self };
  const portal = buildPortal({
    mode: 'standalone',
    deskUrls: () => desk,
    log: (line) =>
      process.stdout.write(`${JSON.stringify({ time: Date.now(), service: 'portal', ...line })}\n`),
  });
  servePortalBeside(server, portal);
});
