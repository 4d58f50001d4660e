import { createHash } from 'node:crypto';
import { sequenceStream } from '../sequence';
import { batchWhileBusy } from './batch-while-busy';
import { racedAnotherCreator, type SqlClient } from './sql-client';

/**
 * Named sequences as PostgreSQL sequence objects: `nextval` takes no row lock and is never rolled
 * back, so concurrent callers in any number of processes each get the next number in one round
 * trip, with nothing to retry (a hot `sequence-<name>` stream made them retry each other's appends).
 *
 * A sequence that was kept as a stream before is continued, never restarted: the object is created
 * starting after the stream's last reservation. Nothing appends to that stream any more, so every
 * process computes the same start; run no older version of the service beside this one.
 */
export class NativeSequences {
  /** One look (and create) per sequence and process, however many callers arrive at once. */
  private readonly ensured = new Map<string, Promise<void>>();
  /** Callers that arrive together (a burst of new tickets) share one statement. */
  private readonly nextValues = batchWhileBusy(async (sequences: string[]) => {
    const { rows } = await this.db.query<{ value: string }>(
      `select nextval(s::regclass)::text as value from unnest($1::text[]) with ordinality as t(s, i) order by i`,
      [sequences],
    );
    return rows.map((row) => Number(row.value));
  });

  constructor(private readonly db: SqlClient) {}

  async next(name: string): Promise<number> {
    const sequence = sequenceObjectName(name);
    let ensured = this.ensured.get(sequence);
    if (!ensured) {
      ensured = this.ensure(name, sequence);
      this.ensured.set(sequence, ensured);
      // A failed look is tried again by the next caller, not remembered.
      ensured.catch(() => this.ensured.delete(sequence));
    }
    await ensured;
    return this.nextValues(sequence);
  }

  private async ensure(name: string, sequence: string) {
    const { rows } = await this.db.query<{ exists: boolean }>(
      `select to_regclass($1) is not null as exists`,
      [sequence],
    );
    if (!rows[0].exists) {
      const { rows: legacy } = await this.db.query<{ last: number | null }>(
        `select max(revision) as last from events where stream_id = $1`,
        [sequenceStream(name)],
      );
      // Revision r of the stream was number r + 1.
      const start = (legacy[0]?.last ?? -1) + 2;
      try {
        await this.db.query(`create sequence if not exists ${sequence} start with ${start}`);
      } catch (error) {
        // A process creating it at the same moment wins, with the same start.
        if (!racedAnotherCreator(error)) throw error;
      }
    }
  }
}

/** A safe identifier for any name: readable where it can be, unique through a hash. */
export const sequenceObjectName = (name: string) =>
  `helpdesk_seq_${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30)}_${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
