import { batchWhileBusy, racedAnotherCreator, type SqlClient } from '@helpdesk/event-store';
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
// One round trip for a batch of subjects, whether each key is new (the insert returns it) or not
// (the select finds it, or its tombstone). A key another process inserted after this statement's
// snapshot is found by neither half: then it is read again (see keysFor).
const KEYS_FOR = `with wanted as (
    select * from unnest($1::text[], $2::text[]) as w(subject, wrapped_key)
  ), made as (
    insert into personal_data_keys (subject, wrapped_key) select subject, wrapped_key from wanted
    on conflict (subject) do nothing
    returning subject, wrapped_key
  )
  select subject, wrapped_key from made
  union all
  select k.subject, k.wrapped_key from personal_data_keys k join wanted using (subject)`;
const SELECT_ONE = `select wrapped_key from personal_data_keys where subject = $1`;
// Tombstones too: a subject raced to in keysFor may have been shredded meanwhile.
const SELECT_MANY = `select subject, wrapped_key from personal_data_keys where subject = any($1::text[])`;
const SHRED = `insert into personal_data_keys (subject, wrapped_key, shredded_at) values ($1, null, now())
  on conflict (subject) do update set wrapped_key = null, shredded_at = now()
  where personal_data_keys.shredded_at is null
  returning subject`;

interface KeyRow {
  subject?: string;
  wrapped_key: string | null;
}

/**
 * Data keys in a PostgreSQL table (a server, or PGlite beside the embedded event store), each
 * wrapped with the master key. Deleting is final: the wrapped key is overwritten with null.
 * Calls that arrive together share a statement (batchWhileBusy): every registration and comment
 * makes a key, and every page a projection reads looks its keys up.
 */
export class PostgresKeyStore implements PersonalDataKeyStore {
  private readonly made = batchWhileBusy((subjects: string[]) => this.keysFor(subjects));
  private readonly found = batchWhileBusy((wanted: string[][]) => this.rowsOf(wanted));

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
    const row = await this.made(subject);
    if (!row || row.wrapped_key === null) throw new SubjectErasedError(subject);
    return unwrapDataKey(this.masterKey, subject, row.wrapped_key);
  }

  async findKeys(subjects: readonly string[]) {
    const found = new Map<string, Buffer>();
    if (subjects.length === 0) return found;
    for (const row of await this.found([...subjects]))
      if (row.wrapped_key !== null)
        found.set(row.subject!, unwrapDataKey(this.masterKey, row.subject!, row.wrapped_key));
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

  /** Each subject's row, made with a new key where it had none. */
  private async keysFor(subjects: string[]): Promise<Array<KeyRow | undefined>> {
    const distinct = [...new Set(subjects)];
    const wrapped = distinct.map((subject) => wrapDataKey(this.masterKey, subject, newDataKey()));
    const rows = bySubject((await this.sql.query<KeyRow>(KEYS_FOR, [distinct, wrapped])).rows);
    // Found by neither half: a concurrent first use by another process inserted first; read what won.
    const raced = distinct.filter((subject) => !rows.has(subject));
    const won = raced.length ? bySubject(await this.select(raced)) : new Map<string, KeyRow>();
    return subjects.map((subject) => rows.get(subject) ?? won.get(subject));
  }

  /** For each caller's subjects, the rows that exist: one look-up for all of them. */
  private async rowsOf(wanted: string[][]): Promise<KeyRow[][]> {
    const rows = bySubject(await this.select([...new Set(wanted.flat())]));
    return wanted.map((subjects) => subjects.flatMap((subject) => rows.get(subject) ?? []));
  }

  private async select(subjects: string[]) {
    return (await this.sql.query<KeyRow>(SELECT_MANY, [subjects])).rows;
  }
}

const bySubject = (rows: KeyRow[]) => new Map(rows.map((row) => [row.subject!, row]));
