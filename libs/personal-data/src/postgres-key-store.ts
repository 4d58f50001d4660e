import { racedAnotherCreator, type SqlClient } from '@helpdesk/event-store';
import { assertSubject } from './envelope';
import { newDataKey } from './field-cipher';
import { type PersonalDataKeyStore, SubjectErasedError } from './key-store';
import { unwrapDataKey, wrapDataKey } from './master-key';

// A shredded subject keeps its row without a key: the tombstone stops a later write from making
// them a new key (which would make new data readable again) and records when they were erased.
const SCHEMA = `create table if not exists personal_data_keys (
  subject text primary key,
  wrapped_key text,
  created_at timestamptz not null default now(),
  shredded_at timestamptz
)`;
// One round trip whether the key is new (the insert returns it) or not (the select finds it, or
// its tombstone). A key another process inserted after this statement's snapshot is found by
// neither half: then it is read again (see keyFor).
const KEY_FOR = `with made as (
    insert into personal_data_keys (subject, wrapped_key) values ($1, $2)
    on conflict (subject) do nothing
    returning wrapped_key, shredded_at
  )
  select wrapped_key, shredded_at from made
  union all
  select wrapped_key, shredded_at from personal_data_keys where subject = $1`;
const SELECT_ONE = `select wrapped_key, shredded_at from personal_data_keys where subject = $1`;
const SELECT_MANY = `select subject, wrapped_key from personal_data_keys
  where subject = any($1::text[]) and wrapped_key is not null`;
const SHRED = `insert into personal_data_keys (subject, wrapped_key, shredded_at) values ($1, null, now())
  on conflict (subject) do update set wrapped_key = null, shredded_at = now()
  where personal_data_keys.shredded_at is null
  returning subject`;

interface KeyRow {
  subject?: string;
  wrapped_key: string | null;
  shredded_at?: string | Date | null;
}

/**
 * Data keys in a PostgreSQL table (a server, or PGlite beside the embedded event store), each
 * wrapped with the master key. Deleting is final: the wrapped key is overwritten with null.
 */
export class PostgresKeyStore implements PersonalDataKeyStore {
  private constructor(
    private readonly sql: SqlClient,
    private readonly masterKey: Buffer,
    private readonly ownsClient: boolean,
  ) {}

  /** Creates the table if needed. `ownsClient`: close the client with the store. */
  static async create(sql: SqlClient, masterKey: Buffer, { ownsClient = false } = {}) {
    await sql.query(SCHEMA).catch(async (error: unknown) => {
      if (!racedAnotherCreator(error)) throw error;
    });
    return new PostgresKeyStore(sql, masterKey, ownsClient);
  }

  async keyFor(subject: string) {
    assertSubject(subject);
    const { rows } = await this.sql.query<KeyRow>(KEY_FOR, [
      subject,
      wrapDataKey(this.masterKey, subject, newDataKey()),
    ]);
    // Nothing found: a concurrent first use by another process inserted first; read what won.
    const stored = rows.length > 0 ? this.unwrap(subject, rows[0]) : await this.read(subject);
    if (!stored) throw new SubjectErasedError(subject);
    return stored;
  }

  async findKeys(subjects: readonly string[]) {
    const found = new Map<string, Buffer>();
    if (subjects.length === 0) return found;
    const { rows } = await this.sql.query<KeyRow>(SELECT_MANY, [[...new Set(subjects)]]);
    for (const row of rows)
      found.set(row.subject!, unwrapDataKey(this.masterKey, row.subject!, row.wrapped_key!));
    return found;
  }

  async isErased(subject: string) {
    const { rows } = await this.sql.query<KeyRow>(SELECT_ONE, [subject]);
    return rows.length > 0 && rows[0].wrapped_key === null;
  }

  async shred(subject: string) {
    assertSubject(subject);
    const { rows } = await this.sql.query<KeyRow>(SHRED, [subject]);
    return rows.length > 0;
  }

  async close() {
    if (this.ownsClient) await this.sql.close();
  }

  /** The subject's key; undefined when it has none yet; throws when shredded. */
  private async read(subject: string) {
    const { rows } = await this.sql.query<KeyRow>(SELECT_ONE, [subject]);
    return rows.length === 0 ? undefined : this.unwrap(subject, rows[0]);
  }

  private unwrap(subject: string, row: KeyRow) {
    if (row.wrapped_key === null) throw new SubjectErasedError(subject);
    return unwrapDataKey(this.masterKey, subject, row.wrapped_key);
  }
}
