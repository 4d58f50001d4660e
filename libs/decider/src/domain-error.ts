/** Why a decider refuses a command; the API maps the kind to a status (see libs/platform). */
export type RefusalKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'illegal_transition';

/**
 * A command refused by the domain, with a message the person who sent it can act on.
 * `code` is stable for machines (it becomes the problem type), `details` adds facts such as
 * whom to ask.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * Refuses a command, so a check reads as one line in a decider. A function declaration with
 * `never`, not a const arrow: only then does TypeScript narrow after a call (`if (!x) refuse(...)`
 * leaves `x` defined), so deciders need no `!` or `as never`.
 */
export function refuse(
  kind: RefusalKind,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): never {
  throw new DomainError(kind, code, message, details);
}
