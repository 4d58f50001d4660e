import type { Options } from 'pino-http';
import { redactedPaths, redactQuery, redactSecrets, REDACTED } from './redaction';
import { requestId } from './request-id';
import { traceLogFields } from '../tracing/log-correlation';

/**
 * The JSON logs of every process: the service's name, the request id on every line about a
 * request, and no secret (headers by path, anything that looks like one by shape, checked on
 * the finished line just before it is written). While a span is active, its trace and span
 * ids and the correlation id (see traceLogFields).
 */
export const loggerOptions = (service: string, level: string): Options => ({
  level,
  base: { service },
  genReqId: requestId,
  customProps: (req) => ({ requestId: req.id }),
  mixin: traceLogFields,
  redact: { paths: redactedPaths, censor: REDACTED },
  hooks: { streamWrite: redactSecrets },
  serializers: {
    req: (req: { url?: string; query?: unknown }) => ({
      ...req,
      url: req.url && redactSecrets(req.url),
      query: redactQuery(req.query),
    }),
  },
  // Probes and scrapes would drown the log.
  autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
});
