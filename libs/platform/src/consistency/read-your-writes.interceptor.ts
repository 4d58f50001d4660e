import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable } from 'rxjs';
import { map } from 'rxjs/operators';
import {
  parseReadAfter,
  READ_AFTER_HEADER,
  requestConsistency,
  type RequestConsistency,
  WRITE_POSITION_HEADER,
} from './read-your-writes';

/**
 * Read-your-writes over HTTP, for every route: a command's answer names the position of its
 * last event (X-Write-Position, beside the ETag), and a read that sends it back (X-Read-After)
 * is answered only from read models that hold it (see ProjectedReadModel).
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const consistency: RequestConsistency = {
      readAfter: parseReadAfter(request.header(READ_AFTER_HEADER)),
      response,
    };
    return new Observable((subscriber) =>
      requestConsistency.run(consistency, () =>
        next
          .handle()
          .pipe(
            map((body) => {
              if (consistency.written !== undefined && !response.headersSent)
                response.setHeader(WRITE_POSITION_HEADER, consistency.written.toString());
              return body;
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}
