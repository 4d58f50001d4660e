/**
 * Nest runs a module's bootstrap hooks side by side: a provider that needs another one started
 * (a consumer that reads the directory, the dispatcher that reads the log) awaits this.
 */
export class Bootstrapped {
  private done!: () => void;
  private failed!: (error: unknown) => void;
  readonly promise = new Promise<void>((resolve, reject) => {
    this.done = resolve;
    this.failed = reject;
  });

  async after(start: () => Promise<void>) {
    try {
      await start();
      this.done();
    } catch (error) {
      this.failed(error);
      throw error;
    }
  }
}
