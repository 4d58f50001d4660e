/**
 * Runs one step at a time, a step every `intervalMs` at most (a slow step is not overtaken), until
 * stopped or `maxSteps` ran: the steady pace of the fault suites' loads and probes.
 */
export class PacedLoop {
  private running?: Promise<void>;
  private stopping = false;

  constructor(private readonly step: () => Promise<unknown>) {}

  start(intervalMs: number, maxSteps = Infinity) {
    this.stopping = false;
    this.running = (async () => {
      for (let done = 0; !this.stopping && done < maxSteps; done++) {
        const began = Date.now();
        await this.step();
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - began))));
      }
    })();
  }

  async stop() {
    this.stopping = true;
    await this.running;
  }
}
