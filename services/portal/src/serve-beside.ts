import type { IncomingMessage, Server, ServerResponse } from 'node:http';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Lets the portal answer its own paths on a server that another framework already listens with
 * (the standalone desk's Nest application, on Express or Fastify alike): the framework's request
 * listeners are kept and get every request that is not the portal's. Nothing of either
 * framework is touched, so the portal does not depend on which one the desk runs.
 */
export const servePortalBeside = (
  server: Server,
  portal: { owns(url: string | undefined): boolean; handle: RequestListener },
) => {
  const desk = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (portal.owns(request.url)) return portal.handle(request, response);
    for (const listener of desk) listener.call(server, request, response);
  });
};
