import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiParam } from '@nestjs/swagger';
import { isEmail } from 'class-validator';
import { InvalidInputException } from '../problems/validation';

export const UUID_V4 =
  '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$';
const UUID_ANY = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const HEX_32 = '^[0-9a-f]{32}$';
const RELEASE_TRAIN = '^train-[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const PERSONAL_DATA_SUBJECT = '^[a-z][a-z-]*:[^\\s/]{1,200}$';

interface IdFormat {
  schema: Record<string, unknown>;
  accepts: (value: string) => boolean;
  reason: string;
}

const matching = (pattern: string) => (value: string) => new RegExp(pattern).test(value);

/**
 * The formats of the ids in our paths: tickets, attachments, organisations and contacts are random
 * UUIDs (v4); a release is one too, or a release train's `train-YYYY-MM-DD`; notifications and inbound
 * mails are 32 hex digits of a digest; a participant is a contact id or an e-mail address.
 */
const ID_FORMATS = {
  uuid4: {
    schema: { type: 'string', format: 'uuid', pattern: UUID_V4 },
    accepts: matching(UUID_V4),
    reason: 'must be a UUID (version 4), such as 3f0a9c2b-7d4e-45f6-a8b9-c0d1e2f3a4b5',
  },
  uuid: {
    schema: { type: 'string', format: 'uuid', pattern: UUID_ANY },
    accepts: matching(UUID_ANY),
    reason: 'must be a UUID, such as 3f0a9c2b-7d4e-45f6-a8b9-c0d1e2f3a4b5',
  },
  hex32: {
    schema: { type: 'string', pattern: HEX_32 },
    accepts: matching(HEX_32),
    reason: 'must be 32 lowercase hexadecimal digits',
  },
  release: {
    schema: { type: 'string', oneOf: [{ format: 'uuid', pattern: UUID_V4 }, { pattern: RELEASE_TRAIN }] },
    accepts: (value) => matching(UUID_V4)(value) || matching(RELEASE_TRAIN)(value),
    reason: 'must be a release id: a UUID (version 4) or a release train such as train-2026-12-08',
  },
  contactOrEmail: {
    schema: {
      type: 'string',
      oneOf: [{ format: 'uuid', pattern: UUID_V4 }, { format: 'email' }],
    },
    accepts: (value) => matching(UUID_V4)(value) || isEmail(value),
    reason: 'must be a contact id (a UUID, version 4) or an e-mail address',
  },
  personalDataSubject: {
    schema: { type: 'string', pattern: PERSONAL_DATA_SUBJECT },
    accepts: matching(PERSONAL_DATA_SUBJECT),
    reason:
      'must be a personal-data subject: a kind and an id, such as contact:3f0a9c2b-7d4e-45f6-a8b9-c0d1e2f3a4b5',
  },
} satisfies Record<string, IdFormat>;

export type IdFormatName = keyof typeof ID_FORMATS;
/** Path parameter name to its format, e.g. `{ id: 'uuid4', attachmentId: 'uuid4' }`. */
export type PathIds = Record<string, IdFormatName>;

const PATH_IDS = 'helpdesk:path-ids';

/** Refuses a malformed path id with 400 naming the parameter, before any handler, pipe or store runs. */
@Injectable()
export class PathIdsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const ids = this.reflector.get<PathIds | undefined>(PATH_IDS, context.getHandler()) ?? {};
    const params = context.switchToHttp().getRequest<{ params?: Record<string, string> }>().params ?? {};
    const errors = Object.entries(ids)
      .filter(([name, format]) => !ID_FORMATS[format].accepts(params[name] ?? ''))
      .map(([name, format]) => ({ field: name, reason: ID_FORMATS[format].reason }));
    if (errors.length) throw new InvalidInputException(errors);
    return true;
  }
}

/** Declares, checks and documents the formats of an operation's path ids in one place. */
export const PathIdFormats = (ids: PathIds = {}) =>
  applyDecorators(
    SetMetadata(PATH_IDS, ids),
    UseGuards(PathIdsGuard),
    ...Object.entries(ids).map(([name, format]) =>
      ApiParam({ name, required: true, schema: ID_FORMATS[format].schema }),
    ),
  );
