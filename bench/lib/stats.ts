import { readFileSync } from 'node:fs';

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

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc (Linux): what a target
 * spends per operation, whatever else shares the machine's cores with it.
 */
export const processCpuMs = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
};

/** USER_HZ, which Linux fixes at 100 on every architecture it reports /proc times for. */
const CLOCK_TICKS_PER_SECOND = 100;
