import { currentVersionOf, type PersonalFieldsOf, SCHEMA_VERSION } from '@helpdesk/contracts';
import type { SqlClient } from '@helpdesk/event-store';
import type { PersonalDataKeyStore } from '../key-store';
import { isClearValue, sealPersonalFields, valueAt } from '../personal-fields';

export interface MigrationProgress {
  /** Events of types with personal fields looked at so far, of `total`. */
  scanned: number;
  total: number;
  /** Of those, events that held a clear personal value: sealed (or, in a dry run, to be sealed). */
  sealed: number;
}

export interface MigrationOptions {
  /** The event types with personal fields, and where they are (the contract's PERSONAL_FIELDS). */
  personalFields: Readonly<Record<string, PersonalFieldsOf>>;
  /** Count only: no key is made, no row written. */
  dryRun: boolean;
  batchSize?: number;
  onProgress?: (progress: MigrationProgress) => void;
}

interface Row {
  position_text: string;
  event_id: string;
  type: string;
  data: Record<string, unknown>;
}

/**
 * The one-time rewrite of events stored before personal fields were sealed: each clear personal
 * value of the PostgreSQL events table is sealed under its subject's key (an erased subject's
 * becomes ERASED), in place, and the event is marked as the current version. Readers see the
 * same values before and after (they open envelopes and take legacy clear values as they are),
 * so services may run meanwhile; it can be interrupted and run again: sealed values are skipped.
 */
export const sealLegacyEvents = async (
  sql: SqlClient,
  keys: PersonalDataKeyStore,
  { personalFields, dryRun, batchSize = 500, onProgress }: MigrationOptions,
): Promise<MigrationProgress> => {
  const types = Object.keys(personalFields);
  const [{ count }] = (
    await sql.query<{ count: string }>(
      'select count(*)::text as count from events where type = any($1::text[])',
      [types],
    )
  ).rows;
  const progress: MigrationProgress = { scanned: 0, total: Number(count), sealed: 0 };
  let after = '0';
  for (;;) {
    const { rows } = await sql.query<Row>(
      `select position::text as position_text, event_id, type, data from events
       where type = any($1::text[]) and position > $2::bigint order by position limit $3`,
      [types, after, batchSize],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const fields = personalFields[row.type](row.data);
      const clear = fields.some(({ path }) => isClearValue(valueAt(row.data, path)));
      if (clear) {
        progress.sealed++;
        if (!dryRun) {
          const data = await sealPersonalFields(keys, fields, row.data, { ofErasedSubject: 'erase' });
          await sql.query(
            `update events set data = $2::jsonb, metadata = metadata || $3::jsonb where event_id = $1::uuid`,
            [
              row.event_id,
              JSON.stringify(data),
              JSON.stringify({ [SCHEMA_VERSION]: currentVersionOf(row.type) }),
            ],
          );
        }
      }
    }
    progress.scanned += rows.length;
    after = rows[rows.length - 1].position_text;
    onProgress?.({ ...progress });
  }
  return progress;
};
