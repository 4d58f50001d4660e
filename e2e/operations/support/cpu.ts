import { cpuSeconds, type StackProcess } from '../../../deploy/local/stack/stack-process';

/** CPU seconds (user + system, from /proc/<pid>/stat) each process spent while `work` ran. */
export const cpuDuring = async (processes: StackProcess[], work: () => Promise<unknown>) => {
  const before = new Map(processes.map((p) => [p.id, cpuSeconds(p.pid)]));
  await work();
  return Object.fromEntries(processes.map((p) => [p.id, cpuSeconds(p.pid) - (before.get(p.id) ?? 0)]));
};
