import type { ProblemDetails } from '@helpdesk/platform';

/** Where each service's HTTP API is; in standalone mode all of them are the desk itself. */
export interface DeskUrls {
  tickets: string;
  contacts: string;
  slaMonitor: string;
  notifications: string;
  releases: string;
}

/** The desk refused: its problem+json answer, kept whole for the page to explain. */
export class DeskProblem extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.name = 'DeskProblem';
  }

  get status() {
    return this.problem.status;
  }
}

export interface DeskRequest {
  /** JSON body, or a multipart form (an attachment). */
  json?: unknown;
  form?: FormData;
  /** The revision the person saw (ETag), so a change made meanwhile answers 412 instead of being overwritten. */
  ifMatch?: number | string;
  /** A write's X-Write-Position, so a list read right after it includes it. */
  readAfter?: string;
  query?: Record<string, string | number | undefined>;
}

export interface DeskAnswer<T> {
  status: number;
  body: T;
  etag?: string;
  writePosition?: string;
}

const SERVICE_OF_PATH: Array<[RegExp, keyof DeskUrls]> = [
  [/^\/(tickets|mail)(\/|$)/, 'tickets'],
  [/^\/(organisations|contacts)(\/|$)/, 'contacts'],
  [/^\/sla(\/|$)/, 'slaMonitor'],
  [/^\/notifications(\/|$)/, 'notifications'],
  [/^\/releases(\/|$)/, 'releases'],
];

/**
 * The portal's only way to the desk: the services' public HTTP APIs, called with the signed-in
 * person's own token, so the desk (not the portal) decides what they may see and do. Every
 * refusal arrives as a DeskProblem.
 */
export class DeskClient {
  constructor(
    private readonly urls: DeskUrls,
    private readonly token: string,
    private readonly requestId?: string,
  ) {}

  get = <T>(path: string, request: DeskRequest = {}) => this.call<T>('GET', path, request);
  post = <T>(path: string, request: DeskRequest = {}) => this.call<T>('POST', path, request);
  patch = <T>(path: string, request: DeskRequest = {}) => this.call<T>('PATCH', path, request);
  delete = <T>(path: string, request: DeskRequest = {}) => this.call<T>('DELETE', path, request);

  async call<T>(method: string, path: string, request: DeskRequest): Promise<DeskAnswer<T>> {
    const service = SERVICE_OF_PATH.find(([pattern]) => pattern.test(path));
    if (!service) throw new Error(`no service answers ${path}`);
    const url = new URL(path, this.urls[service[1]]);
    for (const [name, value] of Object.entries(request.query ?? {}))
      if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: 'application/json',
    };
    if (this.requestId) headers['x-request-id'] = this.requestId;
    if (request.ifMatch !== undefined) headers['if-match'] = `"${request.ifMatch}"`;
    if (request.readAfter) headers['x-read-after'] = request.readAfter;
    let body: string | FormData | undefined;
    if (request.form) body = request.form;
    else if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    const parsed = text ? safeJson(text) : undefined;
    if (!response.ok) throw new DeskProblem(asProblem(response.status, parsed, text));
    return {
      status: response.status,
      body: (parsed ?? text) as T,
      etag: response.headers.get('etag') ?? undefined,
      writePosition: response.headers.get('x-write-position') ?? undefined,
    };
  }
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const asProblem = (status: number, parsed: unknown, text: string): ProblemDetails =>
  parsed && typeof parsed === 'object' && 'status' in parsed
    ? (parsed as ProblemDetails)
    : { type: 'about:blank', title: `HTTP ${status}`, status, detail: text.slice(0, 300) };
