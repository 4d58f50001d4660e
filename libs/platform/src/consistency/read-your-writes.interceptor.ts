import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const response = context.switchToHttp().getResponse<FastifyReply>();
    const consistency: RequestConsistency = {
      readAfter: parseReadAfter(singleHeader(request.headers[READ_AFTER_HEADER.toLowerCase()])),
      response,
    };
    return new Observable((subscriber) =>
      requestConsistency.run(consistency, () =>
        next
          .handle()
          .pipe(
            map((body) => {
              if (consistency.written !== undefined && !response.sent)
                response.header(WRITE_POSITION_HEADER, consistency.written.toString());
              return body;
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}

/** A header sent twice is read as Node joins it (comma-separated), which no position matches. */
const singleHeader = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(', ') : value;
