import { newHolderId } from './holder-id';
import type { Leases } from './lease';

/**
 * The leases of a replica that serves requests only (BACKGROUND_WORK=off): it never takes one,
 * so every piece of once-only work stands by here and runs on a sibling that asks for it. The
 * work's own code is unchanged; it simply never starts, and its `helpdesk_lease_held` stays 0.
 */
export class StandingByLeases implements Leases {
  readonly holderId = newHolderId();

  async acquire() {
    return false;
  }

  async renew() {
    return false;
  }

  async release() {}

  async close() {}
}
