import type { IncomingMessage } from 'node:http';

/**
 * Where a refused form was sent from, to go back to: the portal's page that posted it (the
 * browser's Referer, its path only). A form refused once is shown at the path it posts to, so the
 * nearest page above it that answers GET is taken; else the portal's start.
 */
export const pageBefore = (
  request: Pick<IncomingMessage, 'headers'>,
  answersGet: (path: string) => boolean,
) => {
  let path: string;
  try {
    path = new URL(request.headers.referer ?? '').pathname;
  } catch {
    return '/portal/';
  }
  while (path.startsWith('/portal/') && !answersGet(path)) path = path.slice(0, path.lastIndexOf('/'));
  return path.startsWith('/portal/') ? path : '/portal/';
};
