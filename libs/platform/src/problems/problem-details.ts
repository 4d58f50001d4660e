import { HttpStatus } from '@nestjs/common';

/** RFC 9457 problem details, the body of every error answer. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** For invalid input: each offending field and why. */
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface FieldError {
  field: string;
  reason: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Domain errors stay free of HTTP: they carry a `kind`, and this table says what a kind
 * means on the wire. Any error shaped `{ kind, code, message }` is mapped by the filter.
 */
export const statusByDomainErrorKind: Record<string, HttpStatus> = {
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  illegal_transition: HttpStatus.CONFLICT,
  precondition_failed: HttpStatus.PRECONDITION_FAILED,
  /** It existed and was deleted for good (an erased person's key). */
  gone: HttpStatus.GONE,
  /** A read asked to include a write its read model has not applied yet (see X-Read-After). */
  not_yet_readable: HttpStatus.SERVICE_UNAVAILABLE,
};

export interface DomainErrorLike {
  kind: string;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export const isDomainErrorLike = (error: unknown): error is DomainErrorLike =>
  error instanceof Error &&
  typeof (error as Partial<DomainErrorLike>).kind === 'string' &&
  typeof (error as Partial<DomainErrorLike>).code === 'string' &&
  (error as unknown as DomainErrorLike).kind in statusByDomainErrorKind;

export const problemType = (code: string) => `https://helpdesk.example/problems/${code.replace(/_/g, '-')}`;
