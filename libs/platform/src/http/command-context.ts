import type { EventMetadata } from '@helpdesk/event-store';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { InvalidInputException } from '../problems/validation';

/** What every event of one request carries besides its data: who, and which request. */
export type CommandContext = Omit<EventMetadata, 'schemaVersion' | 'occurredAt'>;

/** Who and why, for every event a request causes: the caller and the request's correlation id. */
export const commandContext = (request: Request, principal: Principal): CommandContext => {
  const given = request.header('x-correlation-id');
  const correlationId = given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
  return { correlationId, causationId: correlationId, actor: principal };
};

/** If-Match carries the revision the caller saw, as the ETag we gave: "3" (or W/"3"). */
export const expectedRevisionFrom = (request: Request): number | undefined => {
  const header = request.header('if-match');
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?(-?\d+)"?$/.exec(header.trim());
  if (!match)
    throw new InvalidInputException([
      { field: 'If-Match', reason: 'must be an ETag this API gave, such as "3"' },
    ]);
  return Number(match[1]);
};

export const etag = (revision: number) => `"${revision}"`;
