import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DeskUrls } from '../desk-api/desk-client';

/** How long the portal waits for a service's /health/live before calling it unreachable. */
const PROBE_TIMEOUT_MS = 2000;
/** Readiness is asked every few seconds by every probe: the answer is reused this long. */
const REUSE_MS = 2000;

type Answer = { status: number; body: Record<string, unknown> };

/**
 * The probes of the portal as its own deployable, on the paths the services use: started and
 * live once it listens; ready while the services its pages need (tickets, contacts) answer, so a
 * portal that cannot reach the desk leaves the load balancer instead of showing error pages.
 */
export const portalHealth = (deskUrls: () => DeskUrls | undefined, fetchImpl: typeof fetch = fetch) => {
  let last: { at: number; answer: Answer } | undefined;
  const reachable = async (url: string) => {
    try {
      const res = await fetchImpl(`${url.replace(/\/$/, '')}/health/live`, {
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      });
      return res.ok;
    } catch {
      return false;
    }
  };
  const readiness = async (): Promise<Answer> => {
    if (last && Date.now() - last.at < REUSE_MS) return last.answer;
    const urls = deskUrls();
    const needed = urls ? { tickets: urls.tickets, contacts: urls.contacts } : {};
    const down = (
      await Promise.all(
        Object.entries(needed).map(async ([name, url]) => ((await reachable(url)) ? [] : [name])),
      )
    ).flat();
    const answer: Answer =
      urls && down.length === 0
        ? { status: 200, body: { status: 'ready' } }
        : { status: 503, body: { status: 'not ready', unreachable: urls ? down : ['the desk (no URLs)'] } };
    last = { at: Date.now(), answer };
    return answer;
  };
  /** Answers a health path and returns true; anything else is left to the portal. */
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || !path.startsWith('/health/')) return false;
    const answer: Answer | undefined =
      path === '/health/started' || path === '/health/live'
        ? { status: 200, body: { status: 'up' } }
        : path === '/health/ready'
          ? await readiness()
          : undefined;
    if (!answer) return false;
    res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(answer.body));
    return true;
  };
};
