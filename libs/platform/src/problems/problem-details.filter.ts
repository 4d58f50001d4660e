import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { allowedMethods } from '../http/allowed-methods';
import type { Request, Response } from 'express';
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

  catch(error: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
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
    request: Request,
    response: Response,
  ): ProblemDetails | undefined {
    if (!(error instanceof NotFoundException) || !error.message.startsWith(`Cannot ${request.method} `))
      return undefined;
    const allowed = allowedMethods(request);
    if (allowed.length === 0) return undefined;
    response.setHeader('Allow', allowed.join(', '));
    return {
      type: 'about:blank',
      title: titleOf(HttpStatus.METHOD_NOT_ALLOWED),
      status: HttpStatus.METHOD_NOT_ALLOWED,
      detail: `${request.path} answers ${allowed.join(', ')}, not ${request.method}.`,
    };
  }

  private toProblem(error: unknown): ProblemDetails {
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
      const body = error.getResponse();
      const detail =
        typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message);
      return { type: 'about:blank', title: titleOf(status), status, detail };
    }
    // http-errors (body-parser, multer): a client error it chose to expose keeps its status.
    const { status, expose, message } = error as { status?: unknown; expose?: unknown; message?: string };
    if (typeof status === 'number' && status >= 400 && status < 500 && expose === true) {
      return { type: 'about:blank', title: titleOf(status), status, detail: message ?? titleOf(status) };
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
