// Proves the local PostgreSQL is a real server: separate sessions, real locking and constraints.
import { Client } from 'pg';
import { requireInfra } from '../infra';

const table = `infra_check_${process.pid}_${Date.now()}`;

describe('PostgreSQL (real server)', () => {
  const url = requireInfra('PG_URL');
  const first = new Client({ connectionString: url });
  const second = new Client({ connectionString: url });

  beforeAll(async () => {
    await Promise.all([first.connect(), second.connect()]);
    await first.query(
      `create table ${table} (stream_id text, revision int, primary key (stream_id, revision))`,
    );
  });
  afterAll(async () => {
    await first.query(`drop table if exists ${table}`);
    await Promise.all([first.end(), second.end()]);
  });

  it('lets exactly one of two racing transactions take a unique key', async () => {
    await first.query('begin');
    await second.query('begin');
    await first.query(`insert into ${table} values ('ticket-1', 0)`);
    // The second insert blocks on the first transaction's uncommitted row...
    const racing = second.query(`insert into ${table} values ('ticket-1', 0)`);
    await first.query('commit');
    // ...and fails with a unique violation once the first one commits.
    await expect(racing).rejects.toMatchObject({ code: '23505' });
    await second.query('rollback');
    const { rows } = await first.query(`select count(*)::int as n from ${table}`);
    expect(rows[0].n).toBe(1);
  });
});
