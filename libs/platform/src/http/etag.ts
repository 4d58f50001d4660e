import { WrongExpectedRevisionError } from '@helpdesk/event-store';
import {
  type CallHandler,
  type ExecutionContext,
  type HttpServer,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import { catchError, map, type Observable } from 'rxjs';
import { InvalidInputException } from '../problems/validation';

/** A request of any HTTP framework: all the platform reads of it is its headers. */
export interface WithHeaders {
  headers: IncomingHttpHeaders;
}

/** The ETag of an aggregate is its revision, as a strong entity tag: "3". */
export const etag = (revision: number) => `"${revision}"`;

const STRONG_ETAG = /^"(\d{1,15})"$/;
export const IF_MATCH_PATTERN = STRONG_ETAG.source;

/**
 * If-Match carries the revision the caller saw, exactly as the ETag we gave: "3".
 *
 * Refused with 400, not evaluated: `*` (RFC 9110 13.1.1: "the resource exists") checks nothing a
 * command does not check itself (an unknown id answers 404), and clients send it to mean "skip
 * the check", which is what If-Match is there to prevent; a weak tag `W/"3"` can never match, because
 * If-Match compares strongly and we only hand out strong tags; a list of tags names no one revision.
 */
export const expectedRevisionFrom = (request: WithHeaders): number | undefined => {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(', ') : header).trim();
  const match = STRONG_ETAG.exec(value);
  if (match) return Number(match[1]);
  const reason =
    value === '*'
      ? 'must name the revision you saw, such as "3"; * (any revision) is not accepted'
      : value.startsWith('W/')
        ? 'must be the strong ETag this API gave, such as "3": a weak tag never matches (RFC 9110 13.1.1)'
        : 'must be an ETag this API gave, such as "3"';
  throw new InvalidInputException([{ field: 'If-Match', reason }]);
};

const CREATES_AGGREGATE = 'helpdesk:creates-aggregate';
/** The route creates an aggregate: it has no revision yet, so an If-Match cannot be met. */
export const CreatesAggregate = () => SetMetadata(CREATES_AGGREGATE, true);

/** RFC 9110 13.1.1: a failed If-Match is 412; a race without one stays the 409 of the event store. */
export class PreconditionFailedError extends Error {
  readonly kind = 'precondition_failed';
  readonly code = 'stale_revision';
  constructor(
    readonly expected: number,
    actual: number | 'no_stream',
  ) {
    super(
      `If-Match "${expected}" is no longer the current revision (it is ${actual === 'no_stream' ? 'gone' : `"${actual}"`}): reload, check what changed, and send the new ETag.`,
    );
    this.details = { currentRevision: actual === 'no_stream' ? null : actual };
  }
  readonly details: Record<string, unknown>;
}

/** One If-Match rule for every aggregate of every service, whatever handler runs the command. */
@Injectable()
export class ConditionalRequestInterceptor implements NestInterceptor {
  constructor(private readonly reflector = new Reflector()) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<WithHeaders>();
    const expected = expectedRevisionFrom(request);
    if (expected === undefined) return next.handle();
    if (this.reflector.get<boolean>(CREATES_AGGREGATE, context.getHandler())) {
      throw new InvalidInputException([
        { field: 'If-Match', reason: 'a create has no revision to match: send If-Match on later changes' },
      ]);
    }
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof WrongExpectedRevisionError)
          throw new PreconditionFailedError(expected, error.actual);
        throw error;
      }),
    );
  }
}

const REVISION_AS_ETAG = 'helpdesk:revision-as-etag';
/** The route answers an aggregate (or its new revision): its `revision` is the answer's ETag. */
export const RevisionAsEtag = () => SetMetadata(REVISION_AS_ETAG, true);

const CREATED_AT = 'helpdesk:location';
/** The route creates something: the answer's Location, from what the route returns. */
export const CreatedAt = <R>(of: (result: R) => string) => SetMetadata(CREATED_AT, of);

/**
 * Sets the ETag (and a create's Location) from what a route returns, so that routes take no
 * request or response object for it. An answer without a numeric revision gets no ETag: an
 * employee's summary of an organisation carries none, since they change nothing of it.
 */
@Injectable()
export class RevisionEtagInterceptor implements NestInterceptor {
  constructor(
    /** The framework's adapter: it sets a header on whatever its response object is. */
    private readonly http: Pick<HttpServer, 'setHeader'>,
    private readonly reflector = new Reflector(),
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const handler = context.getHandler();
    const answersRevision = this.reflector.get<boolean>(REVISION_AS_ETAG, handler);
    const location = this.reflector.get<((result: unknown) => string) | undefined>(CREATED_AT, handler);
    if (!answersRevision && !location) return next.handle();
    const response: unknown = context.switchToHttp().getResponse();
    return next.handle().pipe(
      map((result: unknown) => {
        const revision = (result as { revision?: unknown } | null)?.revision;
        if (answersRevision && typeof revision === 'number')
          this.http.setHeader(response, 'ETag', etag(revision));
        if (location) this.http.setHeader(response, 'Location', location(result));
        return result;
      }),
    );
  }
}
