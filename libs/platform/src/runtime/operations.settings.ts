import { loadConfig, parse } from '../config/config';

export interface OperationsSettings {
  /** Above this lag (events or messages) of any relay, projection or consumer group, not ready; undefined: no limit. */
  readyMaxLag?: number;
  /** How long a SIGTERM may take before the process gives up waiting and exits. */
  shutdownGraceMs: number;
}

export const OPERATIONS_SETTINGS = Symbol('OPERATIONS_SETTINGS');

/** Below Kubernetes' default 30 s grace, so the process ends on its own before it is killed. */
const DEFAULT_SHUTDOWN_GRACE_MS = 25000;

export const loadOperationsSettings = (env: NodeJS.ProcessEnv = process.env): OperationsSettings => {
  const config = loadConfig(
    {
      READY_MAX_LAG: {
        description:
          'lag (events) of a relay, projection or consumer group above which the process is not ready; empty: no limit',
        default: '',
        parse: (raw: string) => (raw === '' ? undefined : parse.positiveInt(raw)),
      },
      SHUTDOWN_GRACE_MS: {
        description: 'how long a graceful shutdown (SIGTERM) may take before the process exits anyway',
        default: String(DEFAULT_SHUTDOWN_GRACE_MS),
        parse: parse.positiveInt,
      },
    },
    env,
  );
  return { readyMaxLag: config.READY_MAX_LAG, shutdownGraceMs: config.SHUTDOWN_GRACE_MS };
};
