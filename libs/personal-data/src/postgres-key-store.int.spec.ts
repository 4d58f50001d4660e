import { pgliteClient, poolClient, type SqlClient } from '@helpdesk/event-store';
import { freshPostgresDatabase, requireInfra } from '@helpdesk/test-infra';
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { contactSubject } from './envelope';
import { openValue, sealValue } from './field-cipher';
import { SubjectErasedError } from './key-store';
import { PostgresKeyStore } from './postgres-key-store';

const masterKey = randomBytes(32);
const subject = () => contactSubject(randomUUID());

describe.each([
  [
    'a PostgreSQL server',
    async () => {
      const { url } = await freshPostgresDatabase(requireInfra('PG_URL'), 'personal_data_keys_test');
      return poolClient(new Pool({ connectionString: url, max: 4 }), { ownsPool: true });
    },
  ],
  ['PGlite', () => pgliteClient('memory://')],
])('the personal-data key store on %s', (_name, connect: () => Promise<SqlClient>) => {
  let sql: SqlClient;
  let store: PostgresKeyStore;
  beforeAll(async () => {
    sql = await connect();
    store = await PostgresKeyStore.create(sql, masterKey);
  });
  afterAll(() => sql?.close());

  it('makes a key once and gives the same one to every later and concurrent call', async () => {
    const who = subject();
    const keys = await Promise.all([store.keyFor(who), store.keyFor(who), store.keyFor(who)]);
    expect(keys[0]).toHaveLength(32);
    expect(keys[1]).toEqual(keys[0]);
    expect(keys[2]).toEqual(keys[0]);
    const found = await store.findKeys([who, subject()]);
    expect([...found.keys()]).toEqual([who]);
    expect(found.get(who)).toEqual(keys[0]);
  });

  it('answers calls that arrive together each with its own outcome, made in shared statements', async () => {
    const erased = subject();
    await store.shred(erased);
    const known = subject();
    const knownKey = await store.keyFor(known);
    const fresh = Array.from({ length: 40 }, subject);
    const outcomes = await Promise.allSettled(
      [...fresh, known, erased, fresh[0]].map((who) => store.keyFor(who)),
    );
    const [erasedOutcome, repeated] = outcomes.slice(-2);
    expect(erasedOutcome).toMatchObject({ status: 'rejected', reason: expect.any(SubjectErasedError) });
    expect(outcomes.slice(0, 41).every((o) => o.status === 'fulfilled')).toBe(true);
    const keys = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : undefined));
    expect(keys[40]).toEqual(knownKey);
    expect(repeated).toEqual({ status: 'fulfilled', value: keys[0] });
    expect(new Set(keys.slice(0, 40).map((k) => k!.toString('hex'))).size).toBe(40);
    const looks = await Promise.all([
      store.findKeys(fresh.slice(0, 20)),
      store.findKeys([erased, ...fresh.slice(20)]),
    ]);
    expect(looks.map((found) => [...found.keys()])).toEqual([fresh.slice(0, 20), fresh.slice(20)]);
    expect(looks[1].get(fresh[39])).toEqual(keys[39]);
  });

  it('keeps keys wrapped: the row does not hold the key, and another master key cannot unwrap it', async () => {
    const who = subject();
    const key = await store.keyFor(who);
    const { rows } = await sql.query<{ wrapped_key: string }>(
      'select wrapped_key from personal_data_keys where subject = $1',
      [who],
    );
    expect(Buffer.from(rows[0].wrapped_key, 'base64').includes(key)).toBe(false);
    const withOtherMaster = await PostgresKeyStore.create(sql, randomBytes(32));
    await expect(withOtherMaster.findKeys([who])).rejects.toThrow();
  });

  it('shreds for good: sealed values no longer open, no new key is made, shredding twice is a no-op', async () => {
    const who = subject();
    const sealed = sealValue(await store.keyFor(who), who, 'bram@zorg.example');
    expect(openValue((await store.findKeys([who])).get(who)!, sealed)).toBe('bram@zorg.example');
    expect(await store.shred(who)).toBe(true);
    expect(await store.shred(who)).toBe(false);
    expect(await store.isErased(who)).toBe(true);
    expect((await store.findKeys([who])).size).toBe(0);
    await expect(store.keyFor(who)).rejects.toBeInstanceOf(SubjectErasedError);
    const { rows } = await sql.query<{ wrapped_key: string | null }>(
      'select wrapped_key from personal_data_keys where subject = $1',
      [who],
    );
    expect(rows).toEqual([{ wrapped_key: null }]);
  });

  it('shreds a subject that never had a key, so none is made later', async () => {
    const who = subject();
    expect(await store.isErased(who)).toBe(false);
    expect(await store.shred(who)).toBe(true);
    await expect(store.keyFor(who)).rejects.toBeInstanceOf(SubjectErasedError);
  });
});
