import type { EventStore } from '@helpdesk/event-store';
import type { FastifyReply } from 'fastify';
import { AsyncLocalStorage } from 'node:async_hooks';
import { InvalidInputException } from '../problems/validation';

/** On a command's answer: the position of its last event in the service's log (opaque, decimal). */
export const WRITE_POSITION_HEADER = 'X-Write-Position';
/** On a read: "answer only from a read model that holds this position" (a X-Write-Position given before). */
export const READ_AFTER_HEADER = 'X-Read-After';
/** On a 503 from a read model still behind the position asked for: when to ask again. */
export const RETRY_AFTER_SECONDS = 1;

/** What one HTTP request wrote and wants to read after. */
export interface RequestConsistency {
  readAfter?: bigint;
  written?: bigint;
  response?: FastifyReply;
}

const requests = new AsyncLocalStorage<RequestConsistency>();

export const requestConsistency = {
  run: <T>(context: RequestConsistency, work: () => T): T => requests.run(context, work),
  current: () => requests.getStore(),
  /** The position the caller asked to read after, when this runs for such a request. */
  readAfter: () => requests.getStore()?.readAfter,
  recordWrite(position: bigint) {
    const context = requests.getStore();
    if (context && (context.written === undefined || position > context.written)) context.written = position;
  },
};

/** X-Read-After as sent: a position this service answered in X-Write-Position. */
export const parseReadAfter = (header: string | undefined): bigint | undefined => {
  if (header === undefined || header.trim() === '') return undefined;
  if (!/^\d{1,60}$/.test(header.trim()))
    throw new InvalidInputException([
      { field: READ_AFTER_HEADER, reason: `must be a ${WRITE_POSITION_HEADER} this service answered` },
    ]);
  return BigInt(header.trim());
};

/**
 * The event store as commands use it, remembering in the request's context the position of
 * every append, so the answer can name the position of the request's last write.
 */
export const recordingWritePositions = (store: EventStore): EventStore =>
  new Proxy(store, {
    get(target, property) {
      if (property === 'appendToStreams')
        return async (appends: Parameters<EventStore['appendToStreams']>[0]) => {
          const results = await target.appendToStreams(appends);
          for (const [i, result] of results.entries())
            if (appends[i].events.length > 0) requestConsistency.recordWrite(result.position);
          return results;
        };
      if (property !== 'append') {
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (...args: Parameters<EventStore['append']>) => {
        const result = await target.append(...args);
        if (args[1].length > 0) requestConsistency.recordWrite(result.position);
        return result;
      };
    },
  });

/**
 * A read asked to include a write its read model has not applied yet, within READ_YOUR_WRITES_MS:
 * 503 with Retry-After, never an answer that silently lacks the write.
 */
export class ReadModelBehindError extends Error {
  readonly kind = 'not_yet_readable';
  readonly code = 'read_model_behind';
  readonly details: Record<string, unknown>;

  constructor(readModel: string, position: bigint, applied: bigint | undefined, waitedMs: number) {
    super(
      `The ${readModel} read model has not yet applied position ${position} (${READ_AFTER_HEADER}) after ` +
        `${waitedMs} ms; ask again in ${RETRY_AFTER_SECONDS} s.`,
    );
    this.details = { readModel, position: String(position), applied: applied?.toString() ?? null };
    requests.getStore()?.response?.header('Retry-After', String(RETRY_AFTER_SECONDS));
  }
}
