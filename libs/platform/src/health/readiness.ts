import { Injectable } from '@nestjs/common';
import { withTimeout } from './lag';

/** Something a service needs before it can take work: its event store, bus, read store. */
export interface ReadinessCheck {
  readonly name: string;
  /** Resolves (with details to show, if any) when the dependency answers; rejects when it does not. */
  check(): Promise<void | Record<string, unknown>>;
}

export interface CheckResult {
  status: 'up' | 'down';
  error?: string;
  [detail: string]: unknown;
}

const CHECK_TIMEOUT_MS = 2000;

/** Modules register the dependencies they need; `/health/ready` asks all of them. */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(check: ReadinessCheck): void {
    this.checks.set(check.name, check);
  }

  all(): ReadinessCheck[] {
    return [...this.checks.values()];
  }
}

/** Asks one dependency, within a bound: a server that does not answer is down, not a hung probe. */
export const runReadinessCheck = async (check: ReadinessCheck): Promise<CheckResult> => {
  try {
    const details = await withTimeout(check.check(), CHECK_TIMEOUT_MS);
    return { ...(details ?? {}), status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  }
};
