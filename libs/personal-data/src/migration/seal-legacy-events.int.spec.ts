import { contactSubject, PERSONAL_FIELDS, personalFieldsOf } from '@helpdesk/contracts';
import { createPostgresEventStore, type EventStore, poolClient, type SqlClient } from '@helpdesk/event-store';
import { freshPostgresDatabase, requireInfra } from '@helpdesk/test-infra';
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ERASED } from '../envelope';
import { withPersonalData } from '../personal-data-event-store';
import { PostgresKeyStore } from '../postgres-key-store';
import { sealLegacyEvents, type MigrationProgress } from './seal-legacy-events';

const contactAdded = (id: string, name: string) => ({
  id: randomUUID(),
  type: 'ContactAdded',
  data: {
    organisationId: 'org-1',
    by: 'agent-1',
    at: '2026-11-02T10:00:00.000Z',
    contact: {
      id,
      name,
      email: `${id}@zorg.example`,
      language: 'nl',
      role: 'customer_employee',
      authorised: true,
      active: true,
    },
  },
  // Written before personal fields were sealed: no schema version, so version 1.
  metadata: {},
});

describe('sealing events stored before personal data was sealed (PostgreSQL)', () => {
  let sql: SqlClient;
  let store: EventStore;
  let keys: PostgresKeyStore;
  const rows = async () =>
    (
      await sql.query<{
        stream_id: string;
        data: { contact: { name: unknown } };
        metadata: Record<string, unknown>;
      }>('select stream_id, data, metadata from events order by position')
    ).rows;

  beforeAll(async () => {
    const { url } = await freshPostgresDatabase(requireInfra('PG_URL'), 'personal_data_migration');
    store = await createPostgresEventStore(url);
    sql = poolClient(new Pool({ connectionString: url, max: 2 }), { ownsPool: true });
    keys = await PostgresKeyStore.create(sql, randomBytes(32));
    await store.append('organisation-1', [contactAdded('c-1', 'Legacy Lotte')], {
      expectedRevision: 'no_stream',
    });
    await store.append('organisation-2', [contactAdded('c-2', 'Erased Evert')], {
      expectedRevision: 'no_stream',
    });
    // As the command path appends now: sealed, and marked with the current version.
    const current = { ...contactAdded('c-3', 'Sealed Sanne'), metadata: { schemaVersion: 2 } };
    await withPersonalData(store, keys, personalFieldsOf).append('organisation-3', [current], {
      expectedRevision: 'no_stream',
    });
    await keys.shred(contactSubject('c-2'));
  });
  afterAll(async () => {
    await sql?.close();
    await store?.close();
  });

  it('a dry run counts the events with clear values, writes nothing and makes no key', async () => {
    const before = await rows();
    const progress: MigrationProgress[] = [];
    const done = await sealLegacyEvents(sql, keys, {
      personalFields: PERSONAL_FIELDS,
      dryRun: true,
      batchSize: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(done).toEqual({ scanned: 3, total: 3, sealed: 2 });
    expect(progress).toEqual([
      { scanned: 2, total: 3, sealed: 2 },
      { scanned: 3, total: 3, sealed: 2 },
    ]);
    expect(await rows()).toEqual(before);
    expect((await keys.findKeys([contactSubject('c-1')])).size).toBe(0);
  });

  it('seals them in place: no clear value stays, readers see the same values, an erased person stays erased; a rerun does nothing', async () => {
    expect(await sealLegacyEvents(sql, keys, { personalFields: PERSONAL_FIELDS, dryRun: false })).toEqual({
      scanned: 3,
      total: 3,
      sealed: 2,
    });
    const stored = await rows();
    expect(JSON.stringify(stored)).not.toMatch(/Lotte|Evert|Sanne|c-1@|c-2@|c-3@/);
    expect(stored[0].data.contact.name).toMatchObject({ pii: 1, subject: contactSubject('c-1') });
    expect(stored[1].data.contact.name).toBe(ERASED);
    expect(stored.map((r) => r.metadata.schemaVersion)).toEqual([2, 2, 2]);
    const reader = withPersonalData(store, keys, personalFieldsOf);
    const names = (await reader.readAll()).map((e) => (e.data.contact as { name: string }).name);
    expect(names).toEqual(['Legacy Lotte', ERASED, 'Sealed Sanne']);
    expect(await sealLegacyEvents(sql, keys, { personalFields: PERSONAL_FIELDS, dryRun: false })).toEqual({
      scanned: 3,
      total: 3,
      sealed: 0,
    });
  });
});
