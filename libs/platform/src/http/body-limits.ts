import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, parse } from '../config/config';
import { type FieldError, problemType, type ProblemDetails } from '../problems/problem-details';

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

/** JSON and its structured suffixes (application/problem+json, application/merge-patch+json). */
const JSON_BODY = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** A request body (or upload) refused before any handler acts on it, with the problem the caller gets. */
export class RefusedBodyError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail);
  }
}

/** Fastify's own refusals of a body (size, media type): the problem each answers as. */
export const bodyLimitProblem = (status: number, limits: BodyLimits): ProblemDetails | undefined => {
  if (status === 413)
    return {
      type: problemType('body_too_large'),
      title: 'Content too large',
      status: 413,
      detail: `A request body may have at most ${limits.maxBytes} bytes.`,
    };
  if (status === 415)
    return {
      type: problemType('unsupported_media_type'),
      title: 'Unsupported media type',
      status: 415,
      detail: 'A request body must be application/json (file uploads multipart/form-data).',
    };
  return undefined;
};

/**
 * One body parser for every service, in front of every route: a body that is too large, too deep,
 * not JSON, or that carries a `__proto__` key or a NUL character is refused here and reaches no
 * handler. Every other media type is refused by Fastify (415), multipart uploads excepted: the
 * multipart plugin registered after this takes those, and the routes that accept them read them.
 */
export const applyBodyLimits = (app: NestFastifyApplication, limits: BodyLimits = loadBodyLimits()) => {
  // Fastify's text/plain and JSON parsers go: only what we check is read.
  app.getHttpAdapter().getInstance().removeAllContentTypeParsers();
  app.useBodyParser(JSON_BODY, { bodyLimit: limits.maxBytes }, (_request, raw, done) => {
    try {
      done(null, parseRequestBody(raw as Buffer, limits));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  return app;
};

/** The JSON body as the handlers may see it, or the RefusedBodyError that answers it. */
export const parseRequestBody = (raw: Buffer, limits: BodyLimits): unknown => {
  // An empty JSON body is no body: a command that takes none accepts it.
  if (raw.length === 0) return undefined;
  const tooDeep = deeperThan(raw, limits.maxDepth);
  if (tooDeep)
    throw new RefusedBodyError(invalidBody('body', `nested deeper than ${limits.maxDepth} levels`));
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new RefusedBodyError(invalidBody('body', 'is not valid JSON'));
  }
  // Every body the desk takes is an object or a list, as Express's strict parser held: a bare
  // `null`, number or string would slip past the DTOs' validation (it validates objects only).
  if (body === null || typeof body !== 'object')
    throw new RefusedBodyError(invalidBody('body', 'must be a JSON object'));
  const refused = findRefusedContent(body);
  // Well-formed JSON, but text no store can keep (or a key we never accept): 422, as the domain refuses.
  if (refused !== undefined)
    throw new RefusedBodyError({
      ...invalidBody(refused.field, refused.reason),
      status: 422,
      title: 'Unprocessable entity',
    });
  return body;
};

/** Counts brackets outside strings, so that no later recursion (validation, transformation) overflows. */
const deeperThan = (raw: Buffer, maxDepth: number): boolean => {
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
      if (++depth > maxDepth) return true;
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return false;
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
