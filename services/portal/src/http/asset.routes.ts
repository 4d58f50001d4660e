import { readFileSync } from 'node:fs';
import { PORTAL_CSS } from '../assets/portal-css';
import { LIVE_SCRIPT } from '../live/live-script';
import type { PortalRoute } from '../portal-app';
import { sendAsset } from './portal-response';

/** htmx, from its package (kept outside the bundle, so it is found in node_modules at run time). */
const htmx = () => readFileSync(require.resolve('htmx.org/dist/htmx.min.js'));

/** The whole of what the browser downloads besides the pages: one stylesheet and htmx. */
export const assetRoutes = (): PortalRoute[] => {
  const css = Buffer.from(PORTAL_CSS, 'utf8');
  const live = Buffer.from(LIVE_SCRIPT, 'utf8');
  let script: Buffer | undefined;
  return [
    {
      method: 'GET',
      pattern: '/portal/assets/portal.css',
      public: true,
      handler: async ({ response }) => sendAsset(response, 'text/css; charset=utf-8', css),
    },
    {
      method: 'GET',
      pattern: '/portal/assets/htmx.min.js',
      public: true,
      handler: async ({ response }) =>
        sendAsset(response, 'text/javascript; charset=utf-8', (script ??= htmx())),
    },
    {
      method: 'GET',
      pattern: '/portal/assets/live.js',
      public: true,
      handler: async ({ response }) => sendAsset(response, 'text/javascript; charset=utf-8', live),
    },
  ];
};
