// The portal's entry point for the standalone composition (as `@helpdesk/portal-service`): what
// the one-process desk needs to check the portal's settings and serve it beside the APIs.
export { buildPortal, checkPortalSettings } from './portal';
export { servePortalBeside } from './serve-beside';
