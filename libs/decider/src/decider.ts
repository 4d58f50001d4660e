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
