import fastifyMultipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { measureHttpRequests } from '../metrics/metrics';
import { applyBodyLimits, type BodyLimits } from './body-limits';
import { ConditionalRequestInterceptor, RevisionEtagInterceptor } from './etag';
import { UnexpectedBodyInterceptor } from './unexpected-body';

/**
 * What every service asks of a request before a handler runs: a bounded JSON body (or a declared
 * upload, read by the route that takes it), no body where none is read, and one If-Match rule. The
 * only ETags are the revisions the handlers set (Fastify computes none of its own).
 */
export const applyRequestRules = (app: NestFastifyApplication, bodyLimits: BodyLimits) => {
  const fastify = app.getHttpAdapter().getInstance();
  applyBodyLimits(app, bodyLimits);
  // Only marks a multipart request as such: its parts are read, with the route's limits, by the route.
  void fastify.register(fastifyMultipart);
  measureHttpRequests(fastify);
  app.useGlobalInterceptors(
    new UnexpectedBodyInterceptor(),
    new ConditionalRequestInterceptor(),
    new RevisionEtagInterceptor(app.getHttpAdapter()),
  );
  return app;
};
