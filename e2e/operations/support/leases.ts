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

/** The lease whose holder runs a service's scheduled work: the one the replicas test kills. */
export const WORK_LEASE: Record<string, string> = {
  tickets: 'relay',
  contacts: 'relay',
  'sla-monitor': 'sla-deadlines',
  notifications: 'relay',
  releases: 'release-trains',
};

/** The process of `processes` that holds `lease` (a name, or a prefix such as `relay`), if any. */
export const leaseHolder = async (processes: StackProcess[], lease: string) => {
  for (const proc of processes)
    if ((await leasesHeld(proc)).some((held) => held === lease || held.startsWith(`${lease}:`))) return proc;
  return undefined;
};

/** The process of `processes` that holds a relay lease, if any reports one. */
export const relayHolder = (processes: StackProcess[]) => leaseHolder(processes, 'relay');
