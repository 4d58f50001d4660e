/**
 * What a reaction throws when it needs something another topic has not brought yet (the ticket
 * an SLA alert is about, the contact a ticket names). Topics have no order between them, so this
 * is a wait, not a failure: the consumer parks the message and tries it again later, in order
 * for its key, and dead-letters it only when the dependency has not come within the limit.
 */
export class NotYetKnown extends Error {
  constructor(
    /** What is missing, for the log and the dead letter: e.g. `ticket 8c1f…`. */
    readonly dependency: string,
  ) {
    super(`${dependency} is not known here yet`);
  }
}

export const isNotYetKnown = (error: unknown): error is NotYetKnown => error instanceof NotYetKnown;
