import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { DeskProblem } from '../desk-api/desk-client';

/** How often a stream asks the desk again; a second is what "live" needs on a ticket page. */
export const LIVE_POLL_MS = 1000;
/** A comment line now and then keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

export interface LiveSource<View> {
  /** What the viewer may see now, read from the desk with the viewer's own token. */
  read(): Promise<View>;
  /** The part of it that counts as a change (never the revision alone: that moves on internal edits too). */
  fingerprint(view: View): unknown;
  /** What a `change` event carries: only what `read` returned, so only what the viewer may see. */
  event(view: View): unknown;
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * A server-sent event stream that follows one view of the desk for one viewer. The portal polls
 * the desk's read API server-side with the viewer's token, the same in standalone mode (which has
 * no Kafka) and distributed: the desk's own visibility rules decide what reaches the stream, so a
 * customer's stream never carries an internal comment or another organisation's ticket. Ends when
 * the browser goes away or the desk no longer answers the viewer (401, 403, 404).
 */
export const streamChanges = async <View>(
  request: { on(event: 'close', listener: () => void): unknown },
  response: ServerResponse,
  source: LiveSource<View>,
  pollMs = LIVE_POLL_MS,
) => {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  response.write('retry: 3000\n\n');
  let open = true;
  let timer: NodeJS.Timeout | undefined;
  const heartbeat = setInterval(() => response.write(': still here\n\n'), HEARTBEAT_MS);
  const stop = () => {
    open = false;
    clearTimeout(timer);
    clearInterval(heartbeat);
    if (!response.writableEnded) response.end();
  };
  request.on('close', stop);
  let last: string | undefined;
  const poll = async () => {
    if (!open) return;
    try {
      const view = await source.read();
      const seen = digest(source.fingerprint(view));
      if (last !== undefined && seen !== last && open)
        response.write(`event: change\ndata: ${JSON.stringify(source.event(view))}\n\n`);
      last = seen;
    } catch (error) {
      if (error instanceof DeskProblem && [401, 403, 404].includes(error.status)) return stop();
      // The desk is busy or restarting: try again at the next tick, as EventSource would.
    }
    if (open) timer = setTimeout(() => void poll(), pollMs);
  };
  await poll();
};
