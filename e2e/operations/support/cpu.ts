import { cpuSeconds, type StackProcess } from '../../../deploy/local/stack/stack-process';

/** CPU seconds (user + system, from /proc/<pid>/stat) each process spent while `work` ran. */
export const cpuDuring = async (processes: StackProcess[], work: () => Promise<unknown>) => {
  const before = new Map(processes.map((p) => [p.id, cpuSeconds(p.pid)]));
  await work();
  return Object.fromEntries(processes.map((p) => [p.id, cpuSeconds(p.pid) - (before.get(p.id) ?? 0)]));
};

/**
 * CPU seconds of each service process for 60 commands and the 3 s they set off downstream (relay,
 * consumers, mail), as one figure line: what a single instance and a replica are compared by.
 */
export const cpuForSixtyCommands = async (
  processes: StackProcess[],
  load: { send(count: number): Promise<unknown> },
) => {
  const cpu = await cpuDuring(
    processes.filter((p) => p.service !== 'smtp-catcher'),
    async () => {
      await load.send(60);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    },
  );
  return Object.entries(cpu)
    .map(([id, seconds]) => `${id} ${seconds.toFixed(2)}`)
    .join(', ');
};
