// Given/when/then for deciders, as emmett's DeciderSpecification: it calls jest's `expect` only
// when a test runs it, so it adds no dependency to the library.
import { type Decider, fold } from './decider';

type ErrorCheck = (new (...args: never[]) => Error) | ((error: unknown) => boolean);

/**
 * Business-readable tests for deciders:
 *   spec.given([registered]).when(triage).then([triaged])
 *   spec.given([closed]).when(comment).thenThrows(TicketClosed)
 */
export const deciderSpec = <Command, Event, State>(decider: Decider<Command, Event, State>) => ({
  given: (history: Event[]) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, fold(decider, history));
      return {
        then: (expected: Event[]) => expect(run()).toEqual(expected),
        thenThrows: (check: ErrorCheck, message?: string | RegExp) => {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          if (thrown === undefined)
            throw new Error('expected the command to be refused, but it was accepted');
          if (isErrorClass(check)) expect(thrown).toBeInstanceOf(check);
          else expect(check(thrown)).toBe(true);
          if (message !== undefined) expect((thrown as Error).message).toMatch(message);
        },
      };
    },
  }),
});

const isErrorClass = (check: ErrorCheck): check is new (...args: never[]) => Error =>
  typeof check === 'function' && check.prototype instanceof Error;

/** A refusal check for thenThrows: the domain error's stable code. */
export const refusedWith = (code: string) => (error: unknown) =>
  error instanceof Error && (error as Error & { code?: string }).code === code;
