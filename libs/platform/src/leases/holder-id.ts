import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Who holds a lease, readable in logs and metrics: the host (the pod), the pid and a random part. */
export const newHolderId = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
