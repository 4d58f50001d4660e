/**
 * An aggregate as three plain functions (the "decider" pattern): given the state folded
 * from past events, `decide` turns a command into new events or throws a domain error;
 * `evolve` applies one event to the state. No I/O, no framework: the same decider runs
 * in every runtime mode and is unit tested with given/when/then.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

/** Folds a history into the state it leads to. */
export const fold = <Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Event[],
): State => events.reduce(decider.evolve, decider.initialState);

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

/** Refuses a command: `never` returns, so a check reads as one line in a decider. */
export const refuse = (
  kind: RefusalKind,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): never => {
  throw new DomainError(kind, code, message, details);
};
