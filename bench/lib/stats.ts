/** Latency percentiles and throughput, as the benchmarks print them. */
export const percentile = (sortedMs: number[], p: number) =>
  sortedMs.length === 0
    ? 0
    : sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)];

export const summarise = (name: string, latenciesMs: number[], seconds: number) => {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    name,
    operations: sorted.length,
    perSecond: Math.round(sorted.length / seconds),
    p50ms: Number(percentile(sorted, 50).toFixed(2)),
    p99ms: Number(percentile(sorted, 99).toFixed(2)),
  };
};

export const elapsedMs = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
