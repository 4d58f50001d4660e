import type { INestApplication } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import { serviceLogger } from '../logging/logger-options';
import { REQUEST_ID_HEADER, requestIdOf } from '../logging/request-id';
import { RequestLines } from '../logging/request-lines';

/**
 * The HTTP server of every service: Fastify. Paths match with or without a trailing slash (as
 * they did on Express), and the request id is ours (see requestIdOf). Fastify's request loggers are
 * children of the service's logger binding `requestId`; they write one line per request (RequestLines).
 */
export const httpAdapter = (service: string) => {
  const adapter = new FastifyAdapter({
    loggerInstance: serviceLogger(service),
    logController: new RequestLines(),
    // Fastify's default (100) answers a longer path parameter 414 in its own shape, before the
    // route's id check could answer 400 problem+json naming the parameter; Node's 16 KiB header
    // limit bounds the URL anyway.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 8192 },
    genReqId: (request: IncomingMessage) => requestIdOf(request),
  });
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  return adapter;
};

/** Starts the app's modules and then Fastify, whose routes answer only once it is ready. */
export const initHttp = async <A extends INestApplication>(app: A): Promise<A> => {
  await app.init();
  await (app as unknown as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  return app;
};
