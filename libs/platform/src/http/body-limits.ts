import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { loadConfig, parse } from '../config/config';
import {
  type FieldError,
  PROBLEM_CONTENT_TYPE,
  problemType,
  type ProblemDetails,
} from '../problems/problem-details';

/** What every service accepts as a request body, before any route sees it. */
export interface BodyLimits {
  /** The largest body, in bytes: more answers 413. */
  maxBytes: number;
  /** The deepest nesting of objects and arrays: deeper answers 400. */
  maxDepth: number;
}

export const loadBodyLimits = (): BodyLimits => {
  const env = loadConfig({
    HTTP_BODY_MAX_BYTES: {
      description: 'largest JSON request body in bytes (more answers 413)',
      default: String(1024 * 1024),
      parse: parse.positiveInt,
    },
    HTTP_BODY_MAX_DEPTH: {
      description: 'deepest nesting of objects and arrays in a JSON request body (deeper answers 400)',
      default: '32',
      parse: parse.positiveInt,
    },
  });
  return { maxBytes: env.HTTP_BODY_MAX_BYTES, maxDepth: env.HTTP_BODY_MAX_DEPTH };
};

/** Bodies a route may read: JSON, and multipart for the file uploads that declare it. */
const ACCEPTED_BODIES = /^(application\/(?:[\w.+-]+\+)?json|multipart\/form-data)\s*(?:;|$)/i;

/**
 * One body parser for every service, in front of every route: a body that is too large, too deep,
 * not JSON, or that carries a `__proto__` key or a NUL character is answered here as problem+json and reaches no handler.
 */
export const applyBodyLimits = (app: INestApplication, limits: BodyLimits = loadBodyLimits()) => {
  const parseJson = express.json({
    limit: limits.maxBytes,
    verify: (_req, _res, raw) => refuseDeepNesting(raw, limits.maxDepth),
  });
  // Nest adds its own JSON and form parsers unless middleware by these names is there already.
  function jsonParser(req: Request, res: Response, next: NextFunction) {
    parseJson(req, res, (error?: unknown) => {
      if (error) return sendBodyProblem(req, res, bodyProblem(error, limits));
      const refused = findRefusedContent(req.body);
      // Well-formed JSON, but text no store can keep (or a key we never accept): 422, as the domain refuses.
      if (refused !== undefined)
        return sendBodyProblem(req, res, {
          ...invalidBody(refused.field, refused.reason),
          status: 422,
          title: 'Unprocessable entity',
        });
      next();
    });
  }
  function urlencodedParser(req: Request, res: Response, next: NextFunction) {
    if (!hasBody(req) || ACCEPTED_BODIES.test(req.headers['content-type'] ?? '')) return next();
    sendBodyProblem(req, res, {
      type: problemType('unsupported_media_type'),
      title: 'Unsupported media type',
      status: 415,
      detail: `A request body must be application/json (file uploads multipart/form-data), not ${req.headers['content-type'] ?? 'untyped'}.`,
    });
  }
  app.use(urlencodedParser);
  app.use(jsonParser);
  return app;
};

const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

class TooDeepError extends Error {
  readonly type = 'entity.too.deep';
  readonly status = 400;
}

/** Counts brackets outside strings, so that no later recursion (validation, transformation) overflows. */
const refuseDeepNesting = (raw: Buffer, maxDepth: number) => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > maxDepth) throw new TooDeepError(`nested deeper than ${maxDepth} levels`);
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
};

/**
 * What no handler may receive: a `__proto__` key (JSON.parse makes it an own key; class-transformer
 * would then assign it as the prototype), and NUL characters, which no event store can keep
 * (PostgreSQL's jsonb refuses \u0000).
 */
const findRefusedContent = (value: unknown, path = ''): FieldError | undefined => {
  if (typeof value === 'string')
    return value.includes('\u0000')
      ? { field: path || 'body', reason: 'must not contain NUL (\\u0000) characters' }
      : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (key === '__proto__') return { field, reason: '__proto__ is not an accepted key' };
    if (key.includes('\u0000'))
      return { field: path || 'body', reason: 'keys must not contain NUL (\\u0000) characters' };
    const found = findRefusedContent((value as Record<string, unknown>)[key], field);
    if (found !== undefined) return found;
  }
  return undefined;
};

const invalidBody = (field: string, reason: string): ProblemDetails => ({
  type: problemType('invalid_input'),
  title: 'Invalid input',
  status: 400,
  detail: `${field}: ${reason}`,
  errors: [{ field, reason }],
});

/** body-parser's errors carry a status and a type; each becomes a problem a client can act on. */
const bodyProblem = (error: unknown, limits: BodyLimits): ProblemDetails => {
  const { type, status, message } = error as { type?: string; status?: number; message?: string };
  if (type === 'entity.too.large')
    return {
      type: problemType('body_too_large'),
      title: 'Content too large',
      status: 413,
      detail: `A request body may have at most ${limits.maxBytes} bytes.`,
    };
  if (type === 'entity.too.deep') return invalidBody('body', message ?? 'nested too deep');
  if (type === 'entity.parse.failed') return invalidBody('body', 'is not valid JSON');
  if (type === 'charset.unsupported' || type === 'encoding.unsupported')
    return {
      type: problemType('unsupported_media_type'),
      title: 'Unsupported media type',
      status: 415,
      detail: message ?? 'unsupported body encoding',
    };
  return invalidBody('body', status && status < 500 && message ? message : 'could not be read');
};

const sendBodyProblem = (req: Request, res: Response, problem: ProblemDetails) => {
  res
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...problem, instance: req.originalUrl }));
};
