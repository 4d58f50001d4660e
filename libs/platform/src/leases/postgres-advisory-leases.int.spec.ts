import { requireInfra } from '@helpdesk/test-infra';
import { Client } from 'pg';
import { leaseContract } from './lease.contract';
import type { Leases } from './lease';
import { PostgresAdvisoryLeases } from './postgres-advisory-leases';

const timing = { ttlMs: 1500, renewMs: 300 };

/** Ends the holder's lock connection on the server, as the server does when a killed process's socket closes. */
const terminate = async (holder: Leases) => {
  const admin = new Client({ connectionString: requireInfra('PG_URL') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`,
      [`helpdesk-leases ${holder.holderId}`.slice(0, 63)],
    );
    expect(rowCount).toBe(1);
  } finally {
    await admin.end();
  }
};

leaseContract('PostgreSQL advisory lock', () => ({
  open: async () => new PostgresAdvisoryLeases(requireInfra('PG_URL'), timing.ttlMs),
  kill: terminate,
  takeAway: terminate,
  timing,
}));
