import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteMethods } from '../http/allowed-methods';
import { type BodyLimits, bodyLimitProblem, RefusedBodyError } from '../http/body-limits';
import {
  PROBLEM_CONTENT_TYPE,
  ProblemDetails,
  isDomainErrorLike,
  problemType,
  statusByDomainErrorKind,
} from './problem-details';
import { InvalidInputException } from './validation';

/** Every error leaves the service as application/problem+json with a detail a person can act on. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(
    /** Every route of the app, for the Allow of a 405. */
    private readonly routes: RouteMethods,
    /** What Fastify refuses a body for (too large, not JSON), for the detail of its 413 and 415. */
    private readonly bodyLimits: BodyLimits,
  ) {}

  catch(error: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const response = http.getResponse<FastifyReply>();
    const problem = {
      ...(this.unsupportedMethod(error, request, response) ?? this.toProblem(error)),
      instance: request.originalUrl,
    };
    if (problem.status >= 500) this.logger.error({ err: error, instance: problem.instance }, problem.detail);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  /** No route for this method, but routes for others at the path: 405 with Allow. */
  private unsupportedMethod(
    error: unknown,
    request: FastifyRequest,
    response: FastifyReply,
  ): ProblemDetails | undefined {
    if (!(error instanceof NotFoundException) || !error.message.startsWith(`Cannot ${request.method} `))
      return undefined;
    const path = request.url.split('?')[0];
    const allowed = this.routes.at(path);
    if (allowed.length === 0) return undefined;
    response.header('Allow', allowed.join(', '));
    return {
      type: 'about:blank',
      title: titleOf(HttpStatus.METHOD_NOT_ALLOWED),
      status: HttpStatus.METHOD_NOT_ALLOWED,
      detail: `${path} answers ${allowed.join(', ')}, not ${request.method}.`,
    };
  }

  private toProblem(error: unknown): ProblemDetails {
    if (error instanceof RefusedBodyError) return error.problem;
    if (error instanceof InvalidInputException) {
      return {
        type: problemType('invalid_input'),
        title: 'Invalid input',
        status: HttpStatus.BAD_REQUEST,
        detail: error.message,
        errors: error.fieldErrors,
      };
    }
    if (isDomainErrorLike(error)) {
      const status = statusByDomainErrorKind[error.kind];
      // Extension members first: they may add facts, never replace the standard ones.
      return {
        ...(error.details ?? {}),
        type: problemType(error.code),
        title: titleOf(status),
        status,
        detail: error.message,
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const refusedBody = bodyLimitProblem(status, this.bodyLimits);
      if (refusedBody) return refusedBody;
      const body = error.getResponse();
      const detail =
        typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
      return { type: 'about:blank', title: titleOf(status), status, detail };
    }
    // Errors of Fastify's plugins thrown in a handler (multipart's limits): a client error keeps its status.
    const { name, statusCode, message } = error as { name?: unknown; statusCode?: unknown; message?: string };
    if (name === 'FastifyError' && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return {
        type: 'about:blank',
        title: titleOf(statusCode),
        status: statusCode,
        detail: message ?? titleOf(statusCode),
      };
    }
    return {
      type: 'about:blank',
      title: titleOf(HttpStatus.INTERNAL_SERVER_ERROR),
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'An unexpected error occurred; it has been logged.',
    };
  }
}

const titleOf = (status: number) =>
  (HttpStatus[status] ?? 'Error')
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^./, (c) => c.toUpperCase());
