import type { FastifyReply, FastifyRequest } from 'fastify';
import { LogController } from 'fastify';
import type { Logger } from 'pino';
import { isUnloggedPath } from './logger-options';

/**
 * One JSON line per request, when it is answered (`req`, `res`, `responseTime`, `requestId`), as
 * pino-http wrote before: Fastify's own pair of lines (incoming, completed) would double the log.
 * The request and response are serialised only when the line is written (info enabled).
 */
export class RequestLines extends LogController {
  constructor() {
    super({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: (request: { url?: string }) => isUnloggedPath(request.url),
    });
  }

  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (this.isLogDisabled(request) || !(reply.log as Logger).isLevelEnabled('info')) return;
    const line = { req: request.raw, res: reply.raw, responseTime: Math.round(reply.elapsedTime) };
    if (error || reply.statusCode >= 500) reply.log.info({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
