import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from './problem-details';

/** Thrown for a request body or query that fails validation; the filter lists its fields. */
export class InvalidInputException extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super(fieldErrors.map((e) => `${e.field}: ${e.reason}`).join('; '));
  }
}

/**
 * Well-formed input refused by a rule no schema can state, because it depends on who calls or on
 * how two values compare (an agent must name the reporter; a period must not end before it starts):
 * 422 naming each field, where a malformed one is 400.
 */
export class RefusedInputError extends Error {
  readonly kind = 'invalid';
  readonly code = 'refused_input';
  readonly details: { errors: FieldError[] };
  constructor(readonly fieldErrors: FieldError[]) {
    super(fieldErrors.map((e) => `${e.field}: ${e.reason}`).join('; '));
    this.details = { errors: fieldErrors };
  }
}

/** Flattens class-validator's tree into `field.path: reason` pairs. */
export const toFieldErrors = (errors: ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });

/** Unknown fields are refused, not silently dropped: a typo must not lose what the user meant. */
export const strictValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new InvalidInputException(toFieldErrors(errors)),
  });
