import type { EventMetadata } from '@helpdesk/event-store';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandBus, ICommand } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { expectedRevisionFrom, type WithHeaders } from './etag';

/** What every event of one request carries besides its data: who, and which request. */
export type CommandContext = Omit<EventMetadata, 'schemaVersion' | 'occurredAt'>;

/** Who and why, for every event a request causes: the caller and the request's correlation id. */
export const commandContext = (
  request: WithHeaders & { id?: unknown },
  principal: Principal,
): CommandContext => {
  // The request's id (X-Request-Id, else a new one; see requestId) ties its log lines to its events.
  const header = request.headers['x-correlation-id'];
  const given =
    (typeof header === 'string' ? header : undefined) ??
    (typeof request.id === 'string' ? request.id : undefined);
  const correlationId = given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
  return { correlationId, causationId: correlationId, actor: principal };
};

/**
 * What a command route needs of its HTTP request, and nothing of the framework's: who asks, the
 * context its events carry, and the revision its If-Match names. The answer's ETag is set by the
 * RevisionEtagInterceptor from the revision the route returns.
 */
export interface CommandRequest {
  principal: Principal;
  context: CommandContext;
  expectedRevision?: number;
}

/** The route's `CommandRequest`: `@CommandRequest() request: CommandRequest`. */
export const CommandRequest = createParamDecorator(
  (_: unknown, execution: ExecutionContext): CommandRequest => {
    const request = execution
      .switchToHttp()
      .getRequest<WithHeaders & AuthenticatedRequest & { id?: unknown }>();
    const principal = request.principal;
    if (!principal) throw new Error('CommandRequest used on a public route');
    return {
      principal,
      context: commandContext(request, principal),
      expectedRevision: expectedRevisionFrom(request),
    };
  },
);

/** What a request asks of the domain: the command's type and data, who asks, and when. */
export interface RequestedCommand {
  type: string;
  data: unknown;
  actor: Principal;
  at: string;
}

/**
 * Sends the caller's command over the command bus, with the request's context and If-Match.
 * `address` wraps it in the service's command.
 */
export const sendRequestedCommand = async <R extends { revision: number }>(
  commands: CommandBus,
  request: CommandRequest,
  requested: Pick<RequestedCommand, 'type' | 'data'>,
  address: (command: RequestedCommand, context: CommandContext, expectedRevision?: number) => ICommand,
): Promise<R> => {
  const command = { ...requested, actor: request.principal, at: new Date().toISOString() };
  return commands.execute(address(command, request.context, request.expectedRevision));
};

/**
 * A service's `run<Aggregate>Command(commands, id, request, type, data)`: one command of the
 * caller's, typed by the aggregate's command union, sent to the aggregate with that id.
 */
export const commandSender =
  <C extends { type: string; data: unknown }, R extends { revision: number }>(
    address: (id: string, command: C, context: CommandContext, expectedRevision?: number) => ICommand,
  ) =>
  <T extends C['type']>(
    commands: CommandBus,
    id: string,
    request: CommandRequest,
    type: T,
    data: Extract<C, { type: T }>['data'],
  ): Promise<R> =>
    sendRequestedCommand<R>(commands, request, { type, data }, (command, context, expectedRevision) =>
      address(id, command as unknown as C, context, expectedRevision),
    );
