export interface BackOff {
  /** The wait after the first failure. */
  initialMs: number;
  /** The longest wait: retrying goes on forever, never slower than this. */
  maxMs: number;
}

/** Kafka at start: quick enough to notice a broker that comes up, slow enough not to hammer a dead one. */
export const brokerBackOff: BackOff = { initialMs: 500, maxMs: 30000 };

/**
 * The wait before retry `attempt` (1 for the first retry): doubling from the initial wait up to
 * the cap. `jitter` (0..1, e.g. Math.random()) takes up to a fifth off, so services that lost the
 * broker at the same moment do not all knock again at the same moment.
 */
export const backOffDelay = (attempt: number, backOff: BackOff, jitter = 0): number => {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const delay = Math.min(backOff.maxMs, backOff.initialMs * 2 ** exponent);
  return Math.round(delay * (1 - 0.2 * Math.min(Math.max(jitter, 0), 1)));
};
