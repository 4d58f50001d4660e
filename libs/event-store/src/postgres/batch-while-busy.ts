export interface BatchWhileBusyOptions {
  /** The most calls one round trip answers. */
  maxBatch?: number;
  /** Round trips at once (each holds a connection of the pool). */
  maxInFlight?: number;
}

interface Queued<I, O> {
  input: I;
  resolve(output: O): void;
  reject(error: unknown): void;
}

/**
 * One statement for many callers (group commit): a call made while `maxInFlight` round trips
 * are out waits for one to end and then goes with every other call that waited, as one batch.
 * Idle, a call goes at once, alone: there is no timer and no added latency, only fewer round
 * trips under load (each is a system call and a statement for the server here). `run` answers
 * each input of its batch in order; it failing fails the whole batch, so an outcome that
 * belongs to one caller (a refusal) is part of that caller's answer, not a throw.
 */
export const batchWhileBusy = <I, O>(
  run: (inputs: I[]) => Promise<O[]>,
  { maxBatch = 500, maxInFlight = 1 }: BatchWhileBusyOptions = {},
): ((input: I) => Promise<O>) => {
  const queue: Queued<I, O>[] = [];
  let inFlight = 0;
  const pump = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      inFlight++;
      run(batch.map((call) => call.input))
        .then(
          (outputs) => batch.forEach((call, i) => call.resolve(outputs[i])),
          (error: unknown) => batch.forEach((call) => call.reject(error)),
        )
        .finally(() => {
          inFlight--;
          pump();
        });
    }
  };
  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      pump();
    });
};
