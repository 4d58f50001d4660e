/**
 * How many update statements (replaces, guarded updates) one process has at its read store at
 * once, and how many go in one command.
 *
 * Why: FerretDB 1.24 on PostgreSQL keeps the pool connection that found a document to update
 * until the whole update command ends (one per statement), and takes a second one to write it.
 * One bulkWrite of 60 guarded replaces therefore holds all 50 connections of its pool and waits
 * forever for a 51st; from then on FerretDB answers no one, not even a ping, until it restarts.
 * Inserts and deletes let go of their reads before they write, so only updates count here;
 * leases stay outside (one statement each, every few seconds, and a renewal must not wait
 * behind a page of writes).
 * A process stays within UPDATES_IN_FLIGHT, so up to five processes may share one FerretDB at
 * its default pool size (`pool_max_conns=50` in its PostgreSQL URL; ten per process sharing it).
 */
export const UPDATES_IN_FLIGHT = 8;
export const UPDATES_PER_COMMAND = 4;

interface Waiter {
  statements: number;
  go(): void;
}

/** A first-come, first-served budget of statements: a large request is not overtaken by small ones. */
export class UpdateBudget {
  private available: number;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly size = UPDATES_IN_FLIGHT) {
    this.available = size;
  }

  async run<T>(statements: number, write: () => Promise<T>): Promise<T> {
    if (statements > this.size)
      throw new RangeError(`${statements} statements exceed a budget of ${this.size}`);
    await this.take(statements);
    try {
      return await write();
    } finally {
      this.available += statements;
      this.wakeWaiters();
    }
  }

  private take(statements: number) {
    if (this.waiting.length === 0 && this.available >= statements) {
      this.available -= statements;
      return Promise.resolve();
    }
    return new Promise<void>((go) => this.waiting.push({ statements, go }));
  }

  private wakeWaiters() {
    while (this.waiting.length > 0 && this.waiting[0].statements <= this.available) {
      const next = this.waiting.shift()!;
      this.available -= next.statements;
      next.go();
    }
  }
}

const budgets = new WeakMap<object, UpdateBudget>();

/** The budget of one read-store connection: every store on it shares it. */
const budgetOf = (connection: object) => {
  let budget = budgets.get(connection);
  if (!budget) budgets.set(connection, (budget = new UpdateBudget()));
  return budget;
};

/** One update statement on `connection`, within its budget. */
export const asUpdate = <T>(connection: object, write: () => Promise<T>) =>
  budgetOf(connection).run(1, write);

/**
 * Many update statements on `connection`: `write` is called with consecutive commands of at most
 * UPDATES_PER_COMMAND, each within the budget; their answers come back in order.
 */
export const inUpdateCommands = <I, O>(
  connection: object,
  items: readonly I[],
  write: (command: I[]) => Promise<O>,
): Promise<O[]> => {
  const budget = budgetOf(connection);
  return Promise.all(inCommands(items).map((command) => budget.run(command.length, () => write(command))));
};

/** `items` in consecutive commands of at most UPDATES_PER_COMMAND each. */
export const inCommands = <T>(items: readonly T[]) => {
  const commands: T[][] = [];
  for (let start = 0; start < items.length; start += UPDATES_PER_COMMAND)
    commands.push(items.slice(start, start + UPDATES_PER_COMMAND));
  return commands;
};
