import { loadConfig, parse } from '@helpdesk/platform';

export const RETENTION_SETTINGS = Symbol('RETENTION_SETTINGS');

export interface RetentionSettings {
  /** The period in days; undefined: retention is off (the default). */
  days?: number;
  sweepMs: number;
}

const HOUR_MS = 60 * 60 * 1000;

const retentionSettings = {
  PERSONAL_DATA_RETENTION_DAYS: {
    description:
      'days after their last ticket closed (or, without tickets, their deactivation) that a person who is no longer a contact is erased; unset or empty: never (off)',
    default: '',
    parse: (raw: string) => (raw === '' ? undefined : parse.positiveInt(raw)),
  },
  PERSONAL_DATA_RETENTION_SWEEP_MS: {
    description: 'how often the retention sweep looks for people to erase, in milliseconds',
    default: String(HOUR_MS),
    parse: parse.positiveInt,
  },
};

/** Retention from the environment; a wrong value stops the process (exit 78) naming the variable. */
export const loadRetentionSettings = (env: NodeJS.ProcessEnv = process.env): RetentionSettings => {
  const config = loadConfig(retentionSettings, env);
  return { days: config.PERSONAL_DATA_RETENTION_DAYS, sweepMs: config.PERSONAL_DATA_RETENTION_SWEEP_MS };
};
