import { ConfigError, loadConfig, parse } from '@helpdesk/platform';
import { readFileSync } from 'node:fs';
import { BUILT_IN_POLICIES, parsePolicy, type PolicyCatalog, policyHistory, type SlaPolicy } from '../domain';

export const SLA_SETTINGS = Symbol('SLA_SETTINGS');

export interface SlaSettings {
  /** How often the scheduler looks for clocks whose next warning or breach fell due. */
  tickMs: number;
  /** How many due tickets one scheduler round handles at most (the rest wait for the next). */
  tickBatch: number;
  /** The policy of a ticket whose organisation the directory does not know (yet). */
  defaultPolicyId: string;
  policies: PolicyCatalog;
}

/** Extra policies (or new versions of the built-ins) from a JSON file: one definition or a list. */
const policiesFromFile = (path: string): SlaPolicy[] => {
  if (!path) return [];
  const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return (Array.isArray(json) ? json : [json]).map(parsePolicy);
};

/** Validated at start: a wrong policy file or an unknown default policy stops the service with the reason. */
export const loadSlaSettings = (env: NodeJS.ProcessEnv = process.env): SlaSettings => {
  const config = loadConfig(
    {
      SLA_TICK_MS: {
        description:
          'longest pause between scheduler rounds in milliseconds (a round also starts at the soonest deadline ahead)',
        default: '1000',
        parse: parse.positiveInt,
      },
      SLA_TICK_BATCH: {
        description: 'due tickets handled per scheduler round',
        default: '500',
        parse: parse.positiveInt,
      },
      SLA_DEFAULT_POLICY: {
        description: 'policy id for tickets of organisations the directory does not know',
        default: 'response-time',
        parse: parse.string,
      },
      SLA_POLICIES_FILE: {
        description: 'a JSON file with more SLA policy definitions (one or a list)',
        default: '',
        parse: policiesFromFile,
      },
    },
    env,
  );
  const policies = policyHistory([...BUILT_IN_POLICIES, ...config.SLA_POLICIES_FILE]);
  try {
    policies.inForce(config.SLA_DEFAULT_POLICY, new Date().toISOString());
  } catch {
    throw new ConfigError([`SLA_DEFAULT_POLICY=${config.SLA_DEFAULT_POLICY} names no SLA policy in force`]);
  }
  return {
    tickMs: config.SLA_TICK_MS,
    tickBatch: config.SLA_TICK_BATCH,
    defaultPolicyId: config.SLA_DEFAULT_POLICY,
    policies,
  };
};
