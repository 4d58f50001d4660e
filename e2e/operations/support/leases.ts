import { httpStatus, type StackProcess } from '../../../deploy/local/stack/stack-process';

/**
 * The leases a process holds, from its /metrics: `helpdesk_lease_held{lease="relay:...",holder="..."} 1`.
 * Empty when the process exposes no such gauge (a build without leases).
 */
export const leasesHeld = async (proc: StackProcess): Promise<string[]> => {
  if ((await httpStatus(`${proc.url}/health/live`, 5000)) !== 200) return [];
  const res = await fetch(`${proc.url}/metrics`, { signal: AbortSignal.timeout(10000) }).catch(
    () => undefined,
  );
  if (!res?.ok) return [];
  const held: string[] = [];
  for (const line of (await res.text()).split('\n')) {
    const match = /^helpdesk_lease_held\{(.*)\}\s+(\S+)$/.exec(line);
    const lease = match && /lease="([^"]*)"/.exec(match[1])?.[1];
    if (lease && Number(match[2]) === 1) held.push(lease);
  }
  return held;
};

/** The process of `processes` that holds a relay lease, if any reports one. */
export const relayHolder = async (processes: StackProcess[]) => {
  for (const proc of processes)
    if ((await leasesHeld(proc)).some((lease) => lease.includes('relay'))) return proc;
  return undefined;
};
