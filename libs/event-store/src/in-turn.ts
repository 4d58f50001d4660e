/**
 * Work for one key runs after the work for that key that came before it has ended; different
 * keys do not wait for each other. Nothing is kept for a key with no work queued.
 */
export class InTurn {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key);
    const result = before ? before.then(work) : work();
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running. */
  get size() {
    return this.tails.size;
  }
}
