/**
 * What must never reach a log line, whatever logs it (a request line, an error with its
 * request, a library's message, a start-up line with a URL): credentials in URLs, tokens in
 * query strings, bearer tokens and JWTs anywhere. Headers that carry secrets without a
 * recognisable shape (cookies) are removed by path, see `redactedPaths`.
 */
export const REDACTED = '[redacted]';

const SECRET_QUERY_PARAMETERS =
  'access_token|id_token|refresh_token|token|api_key|apikey|key|password|passwd|secret|client_secret|code|signature|sig';

const patterns: Array<[RegExp, string]> = [
  // scheme://user:password@host: SMTP_URL, PG_URL, MONGO_URL and the like
  [/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s"'\\]*:)[^@/\s"'\\]+@/gi, `$1${REDACTED}@`],
  // ?token=...&password=...
  [new RegExp(`([?&;](?:${SECRET_QUERY_PARAMETERS})=)[^&#\\s"'\\\\]+`, 'gi'), `$1${REDACTED}`],
  [/(\b(?:bearer|basic)\s+)[A-Za-z0-9\-._~+/]+=*/gi, `$1${REDACTED}`],
  // a JWT wherever it appears
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
];

const SECRET_NAME = new RegExp(`^(?:${SECRET_QUERY_PARAMETERS})$`, 'i');

/** A parsed query string with the values of secret-named parameters replaced. */
export const redactQuery = (query: unknown): unknown =>
  query && typeof query === 'object'
    ? Object.fromEntries(
        Object.entries(query).map(([name, value]) => [name, SECRET_NAME.test(name) ? REDACTED : value]),
      )
    : query;

/** The text with every secret it recognises replaced by `[redacted]`. */
export const redactSecrets = (text: string): string =>
  patterns.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);

/** Log fields removed outright: their values have no shape to recognise. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];
