import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Observable } from 'rxjs';
import { InvalidInputException } from '../problems/validation';

/**
 * A route that reads no body refuses one with fields, as a route with a body refuses unknown fields:
 * `{"reason": "..."}` sent to a command that takes none would otherwise be silently dropped.
 */
@Injectable()
export class UnexpectedBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && !readsBody(context)) {
      const { body } = context.switchToHttp().getRequest<{ body?: unknown }>();
      const fields = body !== null && typeof body === 'object' ? Object.keys(body) : [];
      if (fields.length > 0 || Array.isArray(body)) {
        throw new InvalidInputException(
          (fields.length ? fields : ['body']).map((field) => ({
            field,
            reason: `property ${field} should not exist: this operation takes no body`,
          })),
        );
      }
    }
    return next.handle();
  }
}

const readsBody = (context: ExecutionContext) => {
  const args: Record<string, unknown> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {};
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
};
