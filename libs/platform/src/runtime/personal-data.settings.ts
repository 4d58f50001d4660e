import { parseMasterKey } from '@helpdesk/personal-data';
import { ConfigError, parse } from '../config/config';
import type { RuntimeSettings } from './runtime.settings';

/**
 * The master key `npm start` and development processes use when none is configured, so the desk
 * runs on embedded defaults. Refused with NODE_ENV=production, where PERSONAL_DATA_MASTER_KEY is
 * required: whoever has this key and the key table can read every person's data.
 */
export const DEVELOPMENT_MASTER_KEY = Buffer.from('helpdesk-development-master-key!').toString('base64');

export interface PersonalDataSettings {
  masterKey: Buffer;
  /** Where the key table is: beside the embedded event store, or a PostgreSQL URL every service shares. */
  keys: { kind: 'embedded' } | { kind: 'postgres'; url: string };
}

export const loadPersonalDataSettings = (
  runtime: Pick<RuntimeSettings, 'eventStore'>,
  env: NodeJS.ProcessEnv = process.env,
): PersonalDataSettings => {
  const problems: string[] = [];
  let masterKey: Buffer = Buffer.alloc(0);
  const raw =
    env.PERSONAL_DATA_MASTER_KEY || (env.NODE_ENV === 'production' ? undefined : DEVELOPMENT_MASTER_KEY);
  if (!raw) problems.push("PERSONAL_DATA_MASTER_KEY is required: the key that wraps every person's data key");
  else {
    try {
      masterKey = parseMasterKey(raw);
    } catch (error) {
      // The value is a secret: the message says what is wrong, never what was given.
      problems.push(`PERSONAL_DATA_MASTER_KEY is invalid: ${(error as Error).message}`);
    }
  }
  const url =
    env.PERSONAL_DATA_KEYS_URL ||
    (runtime.eventStore.kind === 'postgres' ? runtime.eventStore.url : undefined);
  let keys: PersonalDataSettings['keys'] = { kind: 'embedded' };
  if (url) {
    try {
      keys = { kind: 'postgres', url: parse.url('postgres', 'postgresql')(url) };
    } catch (error) {
      problems.push(`PERSONAL_DATA_KEYS_URL is invalid: ${(error as Error).message}`);
    }
  } else if (runtime.eventStore.kind !== 'pglite') {
    problems.push(
      'PERSONAL_DATA_KEYS_URL is required: the PostgreSQL database of the personal-data keys, the same for every service (EVENT_STORE=eventstoredb)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { masterKey, keys };
};
