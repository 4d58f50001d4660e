import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role } from './principal';
import type { Scope } from './scopes';

export const PUBLIC_ROUTE = 'helpdesk:public';
export const REQUIRED_ROLES = 'helpdesk:roles';

/** A route anyone may call without a token: health, metrics, the API documentation. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only these roles may call the route (others get 403); finer rules live in the handlers. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export interface AuthenticatedRequest {
  principal?: Principal;
  /** What the caller's token may be used for (its `scope`, or its role's defaults). */
  scopes?: ReadonlySet<Scope>;
}

/** The caller, as verified by the AuthGuard. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
