import { applyDecorators, type Type } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiResponse } from '@nestjs/swagger';
import { RequiresScope, type Scope } from '../auth/scopes';
import { ApiProblems } from '../problems/openapi-problems';
import { CreatesAggregate, IF_MATCH_PATTERN, RevisionAsEtag } from './etag';
import { PathIdFormats, type PathIds } from './path-ids';

type ResponseSchema = Type<unknown> | [Type<unknown>] | Record<string, unknown>;

interface OperationOptions {
  summary: string;
  scope: Scope;
  /** The success body: a DTO class, [DTO] for an array, or a JSON schema. */
  response: ResponseSchema;
  status?: number;
  /** Beyond the statuses every operation of its kind answers. */
  problems?: number[];
  /** Every path parameter and its format: checked before the handler runs, and documented. */
  ids?: PathIds;
}

const documented = (status: number, response: ResponseSchema, extra: object = {}) =>
  typeof response === 'function' || Array.isArray(response)
    ? ApiResponse({ status, type: response, description: 'Done', ...extra })
    : ApiResponse({ status, schema: response, description: 'Done', ...extra });

const ETAG_HEADER = {
  ETag: { description: 'The revision of the aggregate, for If-Match', schema: { type: 'string' } },
};

/**
 * A command: its scope, body, result with the new revision as ETag, If-Match (except on creates),
 * and every refusal a command can meet, as problem+json.
 */
export const CommandOperation = (options: OperationOptions & { creates?: boolean }) =>
  applyDecorators(
    ApiOperation({ summary: options.summary }),
    RequiresScope(options.scope),
    RevisionAsEtag(),
    PathIdFormats(options.ids),
    documented(options.status ?? (options.creates ? 201 : 200), options.response, { headers: ETAG_HEADER }),
    ...(options.creates
      ? [CreatesAggregate()]
      : [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description:
              'The ETag (revision) you saw, as given ("3"): a stale one answers 412 and nothing is written',
            schema: { type: 'string', pattern: IF_MATCH_PATTERN },
          }),
        ]),
    ApiProblems(
      400,
      401,
      403,
      404,
      409,
      ...(options.creates ? [] : [412]),
      413,
      415,
      422,
      ...(options.problems ?? []),
    ),
  );

/** A read: its scope, its result, and the refusals a read can meet (a stale cursor is 422, a cancelled release's notes 409). */
export const QueryOperation = (options: OperationOptions & { produces?: string }) =>
  applyDecorators(
    ApiOperation({ summary: options.summary }),
    RequiresScope(options.scope),
    PathIdFormats(options.ids),
    ...(options.produces ? [ApiProduces(options.produces)] : []),
    documented(options.status ?? 200, options.response),
    ApiProblems(400, 401, 403, 404, 409, 422, ...(options.problems ?? [])),
  );
