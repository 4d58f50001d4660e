import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** An incoming id is kept only when it looks like an id: no log injection through a header. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of a request, in every log line about it and in its response: the caller's
 * `X-Request-Id` (or `X-Correlation-Id`) when it sends a sane one, else a new UUID. Commands
 * carry it on as their events' correlation id (see commandContext). Fastify asks first (its
 * `genReqId`); the id is kept on the raw request, so that the log line of the request names the same.
 * It is sent back as X-Request-Id (see httpAdapter).
 */
export const requestIdOf = (request: IncomingMessage & { id?: unknown }): string => {
  if (typeof request.id === 'string') return request.id;
  const incoming = [request.headers['x-request-id'], request.headers['x-correlation-id']]
    .flat()
    .find((value): value is string => typeof value === 'string' && ACCEPTABLE_ID.test(value));
  const id = incoming ?? randomUUID();
  request.id = id;
  return id;
};
