import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import type { Role } from './principal';
import { REQUIRED_SCOPE, type Scope } from './scopes';
import { InvalidTokenError, type TokenVerifier } from './token-verifier';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** Every route needs a valid bearer token unless it is marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verify: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & AuthenticatedRequest>();
    const response = http.getResponse<FastifyReply>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      // RFC 6750 3.1: a request without credentials gets the challenge, but no error code.
      response.header('WWW-Authenticate', 'Bearer realm="helpdesk"');
      throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <token>)');
    }
    try {
      const verified = await this.verify(token);
      request.principal = verified.principal;
      request.scopes = verified.scopes;
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        response.header('WWW-Authenticate', challenge('invalid_token', error.message));
        throw new UnauthorizedException(error.message);
      }
      throw error;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(request.principal.role)) {
      throw new ForbiddenException(`this needs one of the roles ${roles.join(', ')}`);
    }
    const scope = this.reflector.getAllAndOverride<Scope | undefined>(REQUIRED_SCOPE, targets);
    if (scope && !request.scopes.has(scope)) {
      const detail = `this token lacks the scope ${scope} (it has ${[...request.scopes].join(' ') || 'none'})`;
      response.header('WWW-Authenticate', challenge('insufficient_scope', detail, scope));
      throw new ForbiddenException(detail);
    }
    return true;
  }
}

/** RFC 6750 3: the quoted values may not hold a quote or a backslash. */
const challenge = (error: string, description: string, scope?: string) =>
  `Bearer realm="helpdesk", error="${error}", error_description="${description.replace(/["\\]/g, "'")}"` +
  (scope ? `, scope="${scope}"` : '');
