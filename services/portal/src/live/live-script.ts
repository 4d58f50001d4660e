/**
 * The portal's only script of its own (served as /portal/assets/live.js; the content security
 * policy forbids inline scripts). For every [data-live] region: an EventSource on its stream,
 * and on a `change` the page fetched again with the person's cookies and the region replaced.
 * EventSource reconnects by itself after a network failure.
 */
export const LIVE_SCRIPT = `(() => {
  const refresh = async (region) => {
    const response = await fetch(location.href, { credentials: 'same-origin', headers: { 'x-portal-live': '1' } });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById(region.id);
    if (fresh) region.innerHTML = fresh.innerHTML;
    region.dispatchEvent(new CustomEvent('portal:updated', { bubbles: true }));
  };
  for (const region of document.querySelectorAll('[data-live]')) {
    const source = new EventSource(region.getAttribute('data-live'));
    source.addEventListener('change', () => void refresh(region));
    source.addEventListener('open', () => region.setAttribute('data-live-connected', 'true'));
  }
})();
`;
