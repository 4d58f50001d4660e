import pino, { type LoggerOptions } from 'pino';
import { redactedPaths, redactQuery, redactSecrets, REDACTED } from './redaction';
import { traceLogFields } from '../tracing/log-correlation';

/** Probes and scrapes would drown the log. */
export const isUnloggedPath = (url: string | undefined) => /^\/(health|metrics)/.test(url ?? '');

/**
 * The JSON logs of every process: the service's name, the request id on every line about a
 * request (`requestId`, bound by Fastify's request logger), and no secret (headers by path,
 * anything that looks like one by shape, checked on the finished line just before it is written).
 * While a span is active, its trace and span ids and the correlation id (see traceLogFields).
 */
export const loggerOptions = (service: string, level: string): LoggerOptions => ({
  level,
  base: { service },
  mixin: traceLogFields,
  redact: { paths: redactedPaths, censor: REDACTED },
  hooks: { streamWrite: redactSecrets },
  serializers: {
    // Serialised only for a line that is written: a request whose line is off costs nothing here.
    req: (req: Parameters<typeof pino.stdSerializers.req>[0]) => {
      const serialized = pino.stdSerializers.req(req) as { url?: string; query?: unknown };
      return {
        ...serialized,
        url: serialized.url && redactSecrets(serialized.url),
        query: redactQuery(serialized.query),
      };
    },
    // A response as Node has it becomes its status and headers; an object already in that shape stays.
    res: (res: { getHeaders?: unknown }) =>
      typeof res?.getHeaders === 'function' ? pino.stdSerializers.res(res as never) : res,
    err: pino.stdSerializers.err,
  },
});

const loggers = new Map<string, pino.Logger>();

/**
 * The one logger of a service in this process: Nest's (nestjs-pino) and Fastify's request loggers
 * (a child binding `requestId`) write through it.
 */
export const serviceLogger = (service: string, level = process.env.LOG_LEVEL ?? 'info'): pino.Logger => {
  const key = `${service}\u0000${level}`;
  let logger = loggers.get(key);
  if (!logger) loggers.set(key, (logger = pino(loggerOptions(service, level))));
  return logger;
};
