import type { EventMetadata } from '@helpdesk/event-store';
import type { CommandBus, ICommand } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { etag, expectedRevisionFrom } from './etag';

/** What every event of one request carries besides its data: who, and which request. */
export type CommandContext = Omit<EventMetadata, 'schemaVersion' | 'occurredAt'>;

/** Who and why, for every event a request causes: the caller and the request's correlation id. */
export const commandContext = (request: Request, principal: Principal): CommandContext => {
  // The request's id (X-Request-Id, else a new one; see requestId) ties its log lines to its events.
  const requestId = (request as Request & { id?: unknown }).id;
  const given = request.header('x-correlation-id') ?? (typeof requestId === 'string' ? requestId : undefined);
  const correlationId = given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
  return { correlationId, causationId: correlationId, actor: principal };
};

/** What a request asks of the domain: the command's type and data, who asks, and when. */
export interface RequestedCommand {
  type: string;
  data: unknown;
  actor: Principal;
  at: string;
}

/**
 * Sends the caller's command over the command bus, with the request's context and If-Match, and
 * answers the aggregate's new revision as the ETag. `address` wraps it in the service's command.
 */
export const sendRequestedCommand = async <R extends { revision: number }>(
  commands: CommandBus,
  req: Request,
  res: Response,
  requested: Pick<RequestedCommand, 'type' | 'data'>,
  address: (command: RequestedCommand, context: CommandContext, expectedRevision?: number) => ICommand,
): Promise<R> => {
  const principal = (req as Request & { principal: Principal }).principal;
  const command = { ...requested, actor: principal, at: new Date().toISOString() };
  const result: R = await commands.execute(
    address(command, commandContext(req, principal), expectedRevisionFrom(req)),
  );
  res.setHeader('ETag', etag(result.revision));
  return result;
};

/**
 * A service's `run<Aggregate>Command(commands, id, req, res, type, data)`: one command of the
 * caller's, typed by the aggregate's command union, sent to the aggregate with that id.
 */
export const commandSender =
  <C extends { type: string; data: unknown }, R extends { revision: number }>(
    address: (id: string, command: C, context: CommandContext, expectedRevision?: number) => ICommand,
  ) =>
  <T extends C['type']>(
    commands: CommandBus,
    id: string,
    req: Request,
    res: Response,
    type: T,
    data: Extract<C, { type: T }>['data'],
  ): Promise<R> =>
    sendRequestedCommand<R>(commands, req, res, { type, data }, (command, context, expectedRevision) =>
      address(id, command as unknown as C, context, expectedRevision),
    );
