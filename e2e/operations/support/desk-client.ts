import type { Principal } from '@helpdesk/platform';
import { testToken } from '@helpdesk/testing';

export const agent: Principal = { id: 'agent-1', role: 'agent' };

export type Answer =
  | { status: number; body: Record<string, unknown>; headers: Headers }
  /** `sent: false`: nothing listened, the request never left; else its outcome is unknown. */
  | { status: 'failed'; sent: boolean; error: string };

/** One HTTP call as `principal`, bounded in time. */
export const call = async (
  url: string,
  method: 'GET' | 'POST',
  path: string,
  principal: Principal,
  body?: unknown,
  timeoutMs = 5000,
  headers: Record<string, string> = {},
): Promise<Answer> => {
  try {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...headers,
        authorization: `Bearer ${testToken(principal)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers };
  } catch (error) {
    const code =
      ((error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).name) || 'error';
    return { status: 'failed', sent: code !== 'ECONNREFUSED', error: code };
  }
};

/**
 * Tries each address in turn while nothing listens there, as a load balancer skips a dead
 * replica; a request that was sent is never sent again (its outcome is unknown).
 */
export const callAny = async (
  urls: string[],
  method: 'GET' | 'POST',
  path: string,
  principal: Principal,
  body?: unknown,
): Promise<Answer> => {
  let answer: Answer = { status: 'failed', sent: false, error: 'no address' };
  for (const url of urls) {
    answer = await call(url, method, path, principal, body);
    if (answer.status !== 'failed' || answer.sent) return answer;
  }
  return answer;
};
