import { DomainError } from '@helpdesk/decider';
import type { SlaPolicy } from './sla-policy';

/** Where the clocks find their policy: the version in force at registration, and later that same version. */
export interface PolicyCatalog {
  /** The version of a policy in force at an instant (a ticket's registration). */
  inForce(policyId: string, at: string): SlaPolicy;
  /** A given version, for a ticket whose clocks already run under it. */
  version(policyId: string, version: number): SlaPolicy;
}

/**
 * Every version of every policy. A new version applies to tickets registered from its
 * `effectiveFrom` on; tickets registered before keep the version they started with, so a policy
 * change never rewrites history (what-if reports recompute it deliberately instead).
 */
export const policyHistory = (policies: readonly SlaPolicy[]): PolicyCatalog => {
  const byId = new Map<string, SlaPolicy[]>();
  for (const policy of policies) byId.set(policy.id, [...(byId.get(policy.id) ?? []), policy]);
  for (const [id, versions] of byId) {
    versions.sort((a, b) => a.version - b.version);
    versions.forEach((policy, index) => {
      const previous = versions[index - 1];
      if (previous?.version === policy.version)
        throw new Error(`policy ${id} has version ${policy.version} twice`);
      if (previous && previous.effectiveFrom >= policy.effectiveFrom)
        throw new Error(
          `policy ${id} version ${policy.version} must take effect after version ${previous.version}`,
        );
    });
  }
  const versionsOf = (policyId: string) => {
    const versions = byId.get(policyId);
    if (!versions)
      throw new DomainError('not_found', 'policy_not_found', `There is no SLA policy ${policyId}.`);
    return versions;
  };
  return {
    inForce: (policyId, at) => {
      const instant = new Date(at).toISOString();
      const found = versionsOf(policyId).findLast((policy) => policy.effectiveFrom <= instant);
      if (!found)
        throw new DomainError(
          'not_found',
          'policy_not_in_force',
          `SLA policy ${policyId} was not in force at ${at}.`,
          {
            policyId,
            at,
          },
        );
      return found;
    },
    version: (policyId, version) => {
      const found = versionsOf(policyId).find((policy) => policy.version === version);
      if (!found)
        throw new DomainError(
          'not_found',
          'policy_not_found',
          `There is no version ${version} of SLA policy ${policyId}.`,
        );
      return found;
    },
  };
};

/** One policy for every ticket, whatever its registration time: what-if reports. */
export const onlyPolicy = (policy: SlaPolicy): PolicyCatalog => ({
  inForce: () => policy,
  version: () => policy,
});
