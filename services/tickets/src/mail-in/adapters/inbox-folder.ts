import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Standalone mode's mailbox: `.eml` files dropped into a folder. A file is moved to `done/` only
 * after it was received, so a crash leaves it to be read again (and receiving is idempotent).
 */
export class InboxFolder {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly directory: string,
    private readonly receive: (raw: Buffer) => Promise<unknown>,
    private readonly onError: (file: string, error: unknown) => void,
  ) {}

  async start(pollMs: number) {
    await mkdir(join(this.directory, 'done'), { recursive: true });
    this.timer = setInterval(() => void this.poll(), pollMs);
    await this.poll();
  }

  /** Reads what is there now; a poll still running is awaited, not doubled. */
  poll(): Promise<void> {
    this.running ??= this.readAll().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop() {
    clearInterval(this.timer);
    await this.running;
  }

  private async readAll() {
    const files = (await readdir(this.directory)).filter((name) => name.endsWith('.eml')).sort();
    for (const name of files) {
      const path = join(this.directory, name);
      try {
        await this.receive(await readFile(path));
        await rename(path, join(this.directory, 'done', name));
      } catch (error) {
        this.onError(name, error);
      }
    }
  }
}
