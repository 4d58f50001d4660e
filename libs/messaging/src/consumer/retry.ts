import { isNotYetKnown } from './not-yet-known';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, initialDelayMs: 200, maxDelayMs: 5000 };

/** Exponential back-off with full jitter, so many failing consumers do not retry in lockstep. */
export const backoffDelay = (policy: RetryPolicy, failedAttempts: number, random = Math.random) =>
  Math.round(random() * Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (failedAttempts - 1)));

export class RetriesExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`failed ${attempts} times; last error: ${(lastError as Error)?.message ?? String(lastError)}`);
  }
}

/**
 * Runs `work` until it succeeds or the policy's attempts are spent; `wait` lets callers keep
 * heartbeating. A NotYetKnown is not retried here: waiting for another topic is the parking
 * lot's, which lets other keys go on meanwhile.
 */
export const withRetry = async <T>(
  policy: RetryPolicy,
  work: () => Promise<T>,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> => {
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (isNotYetKnown(error)) throw error;
      lastError = error;
      if (attempt < policy.attempts) await wait(backoffDelay(policy, attempt));
    }
  }
  throw new RetriesExhaustedError(policy.attempts, lastError);
};
