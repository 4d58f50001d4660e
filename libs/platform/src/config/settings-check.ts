import type { Mode } from '../runtime/runtime.settings';
import { ConfigError } from './config';

/**
 * One part of a service's configuration, loaded (and so validated) from the environment, in the
 * process's mode (MODE, else the process's default: a service's part runs in standalone too).
 */
export type SettingsCheck = (env: NodeJS.ProcessEnv, mode: Mode) => unknown;

/**
 * Every problem of every part at once: an operator fixes a deployment in one round, not one
 * setting per restart. Anything but a ConfigError is a bug, not a setting, and is thrown.
 */
export const configurationProblems = (
  checks: readonly SettingsCheck[],
  defaultMode: Mode,
  env: NodeJS.ProcessEnv = process.env,
): string[] => {
  const mode: Mode = env.MODE === 'standalone' || env.MODE === 'distributed' ? env.MODE : defaultMode;
  const problems: string[] = [];
  for (const check of checks) {
    try {
      check(env, mode);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  return [...new Set(problems)];
};
