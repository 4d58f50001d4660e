import { Injectable } from '@nestjs/common';

/** Something a service needs before it can take work: its event store, bus, read store. */
export interface ReadinessCheck {
  readonly name: string;
  /** Resolves when the dependency answers; rejects (or times out) when it does not. */
  check(): Promise<void>;
}

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: Record<string, { status: 'up' | 'down'; error?: string }>;
}

const CHECK_TIMEOUT_MS = 2000;

/** Modules register the dependencies they need; `/health/ready` asks all of them. */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(check: ReadinessCheck): void {
    this.checks.set(check.name, check);
  }

  report(): Promise<ReadinessReport> {
    return runReadinessChecks([...this.checks.values()]);
  }
}

export const runReadinessChecks = async (checks: readonly ReadinessCheck[]): Promise<ReadinessReport> => {
  const results = await Promise.all(
    checks.map(async (c) => {
      try {
        await withTimeout(c.check(), CHECK_TIMEOUT_MS);
        return [c.name, { status: 'up' as const }] as const;
      } catch (error) {
        return [c.name, { status: 'down' as const, error: (error as Error).message }] as const;
      }
    }),
  );
  const ready = results.every(([, r]) => r.status === 'up');
  return { status: ready ? 'ready' : 'not_ready', checks: Object.fromEntries(results) };
};

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
