import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { Role } from './principal';

/** OAuth 2.0 scopes (RFC 6749 3.3): what a token may be used for, whatever its role allows. */
export const SCOPES = [
  'tickets:read',
  'tickets:write',
  'contacts:read',
  'contacts:write',
  'releases:read',
  'releases:write',
  'sla:read',
  'notifications:read',
  'events:read',
  // The personal-data key API: a subscriber decrypting sealed fields. Never a default of any role.
  'personal-data:read',
] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * What a token without a `scope` claim may do. People act through their role: agents may do
 * everything, customers everything but the release trains (their role rules still decide what they
 * see). Another system is trusted with nothing it was not given: a `system` token carries its scopes.
 */
const GIVEN_ONLY: readonly Scope[] = ['personal-data:read'];
const CUSTOMERS_NEVER: readonly Scope[] = ['releases:write', 'events:read', ...GIVEN_ONLY];
export const DEFAULT_SCOPES: Record<Role, readonly Scope[]> = {
  agent: SCOPES.filter((s) => !GIVEN_ONLY.includes(s)),
  customer_admin: SCOPES.filter((s) => !CUSTOMERS_NEVER.includes(s)),
  customer_employee: SCOPES.filter((s) => !CUSTOMERS_NEVER.includes(s)),
  system: [],
};

export const isScope = (value: string): value is Scope => (SCOPES as readonly string[]).includes(value);

export const REQUIRED_SCOPE = 'helpdesk:scope';
export const BEARER_SCHEME = 'bearer';

/**
 * The scope an operation needs: a token without it gets 403 naming it. Shown in OpenAPI as the
 * operation's security requirement (and `x-required-scopes`, for tools that read scopes only on OAuth 2 schemes).
 */
export const RequiresScope = (scope: Scope) =>
  applyDecorators(
    SetMetadata(REQUIRED_SCOPE, scope),
    ApiSecurity(BEARER_SCHEME, [scope]),
    ApiExtension('x-required-scopes', [scope]),
  );
