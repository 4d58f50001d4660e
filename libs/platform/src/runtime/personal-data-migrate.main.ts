/**
 * The one-time rewrite of events stored before personal fields were sealed (see
 * libs/personal-data/src/migration): `npm run personal-data:migrate -- --dry-run` counts, without
 * it the clear values are sealed in place, with progress on stdout. Run it with a service's own
 * settings (EVENT_STORE, PG_URL or DATA_DIR, PERSONAL_DATA_*). With the embedded store (PGlite)
 * stop the desk first: one process at a time may open its data directory.
 *
 * EventStoreDB cannot rewrite an event: there it answers "not supported" (exit 2). Its readers
 * still see the legacy clear values only through the decode seam, the relay seals them before
 * publishing, and an erased person's legacy values open as erased contact via ContactErased; the
 * copy stored in EventStoreDB itself stays clear (a rewrite would mean copying every organisation
 * stream to a new stream id and tombstoning the old, which changes the aggregate's identity).
 *
 * Exit 0 done, 1 failed, 2 not supported, 78 a setting is wrong.
 */
import { PERSONAL_FIELDS } from '@helpdesk/contracts';
import { pgliteClient, poolClient, type SqlClient } from '@helpdesk/event-store';
import { PostgresKeyStore, sealLegacyEvents } from '@helpdesk/personal-data';
import { mkdirSync } from 'node:fs';
import { Pool } from 'pg';
import { ConfigError } from '../config/config';
import { loadPersonalDataSettings } from './personal-data.settings';
import { loadRuntimeSettings } from './runtime.settings';

const say = (line: string) => process.stdout.write(`[personal-data:migrate] ${line}\n`);

const main = async () => {
  const dryRun = process.argv.includes('--dry-run');
  let runtime: ReturnType<typeof loadRuntimeSettings>;
  let personal: ReturnType<typeof loadPersonalDataSettings>;
  try {
    runtime = loadRuntimeSettings('standalone');
    personal = loadPersonalDataSettings(runtime);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`personal-data:migrate cannot start.\n${error.message}\n`);
    process.exit(78);
  }
  if (runtime.eventStore.kind === 'eventstoredb') {
    say('EventStoreDB cannot rewrite stored events: not supported (see this script or the README).');
    process.exit(2);
  }
  const pool = (url: string) => poolClient(new Pool({ connectionString: url, max: 2 }), { ownsPool: true });
  let events: SqlClient;
  if (runtime.eventStore.kind === 'pglite') {
    mkdirSync(runtime.eventStore.dir, { recursive: true });
    events = await pgliteClient(runtime.eventStore.dir);
  } else events = pool(runtime.eventStore.url);
  const eventsUrl = runtime.eventStore.kind === 'postgres' ? runtime.eventStore.url : undefined;
  // The keys live beside the events unless PERSONAL_DATA_KEYS_URL names another database.
  const keySql =
    personal.keys.kind === 'postgres' && personal.keys.url !== eventsUrl ? pool(personal.keys.url) : events;
  try {
    const keys = await PostgresKeyStore.create(keySql, personal.masterKey);
    say(`${dryRun ? 'dry run: counting' : 'sealing'} clear personal values in ${runtime.eventStore.kind}`);
    const done = await sealLegacyEvents(events, keys, {
      personalFields: PERSONAL_FIELDS,
      dryRun,
      onProgress: ({ scanned, total, sealed }) =>
        say(
          `${scanned}/${total} events with personal fields read, ${sealed} ${dryRun ? 'to seal' : 'sealed'}`,
        ),
    });
    say(
      `done: ${done.scanned} events read, ${done.sealed} ${dryRun ? 'would be sealed (nothing written)' : 'sealed'}`,
    );
  } catch (error) {
    say(`failed: ${(error as Error).message}`);
    process.exitCode = 1;
  } finally {
    if (keySql !== events) await keySql.close();
    await events.close();
  }
};

void main();
