import type { Options } from 'pino-http';
import { redactedPaths, redactQuery, redactSecrets, REDACTED } from './redaction';
import { requestIdOf } from './request-id';

/**
 * The JSON logs of every process: the service's name, the request id on every line about a
 * request, and no secret (headers by path, anything that looks like one by shape, checked on
 * the finished line just before it is written).
 */
export const loggerOptions = (service: string, level: string): Options => ({
  level,
  base: { service },
  genReqId: (request) => requestIdOf(request),
  customProps: (req) => ({ requestId: req.id }),
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
