import { html, type Html } from '../html/html';

/**
 * A part of a page that follows the desk by itself: live.js listens to `stream` (server-sent
 * events) and, on each change, fetches the page again and swaps this region only, so a form the
 * person is typing in stays as it is. `aria-live` lets screen readers announce what arrived.
 */
export const liveRegion = (id: string, stream: string, content: Html) =>
  html`<div id="live-${id}" data-live="${stream}" aria-live="polite">${content}</div>`;
