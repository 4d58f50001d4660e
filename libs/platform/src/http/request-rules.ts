import type { INestApplication } from '@nestjs/common';
import type { Express } from 'express';
import { applyBodyLimits } from './body-limits';
import { ConditionalRequestInterceptor, RevisionEtagInterceptor } from './etag';
import { UnexpectedBodyInterceptor } from './unexpected-body';

/**
 * What every service asks of a request before a handler runs: a bounded JSON body (or a declared
 * upload), no body where none is read, and one If-Match rule. The only ETags are the revisions the
 * handlers set: Express's own weak body hashes could not be sent back as If-Match.
 */
export const applyRequestRules = (app: INestApplication) => {
  (app.getHttpAdapter().getInstance() as Express).set('etag', false);
  applyBodyLimits(app);
  app.useGlobalInterceptors(
    new UnexpectedBodyInterceptor(),
    new ConditionalRequestInterceptor(),
    new RevisionEtagInterceptor(app.getHttpAdapter()),
  );
  return app;
};
