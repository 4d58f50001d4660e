import { answerToRepeat, checkAppend, revisionMatches } from '../append-rules';
import { WrongExpectedRevisionError } from '../errors';
import {
  type AppendOptions,
  type AppendResult,
  DEFAULT_READ_ALL_LIMIT,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamAppend,
  type SubscribeOptions,
} from '../event-store';
import { appendOneByOne, checkDistinctStreams } from '../one-by-one';
import type { Pool } from 'pg';
import { AppendAnnouncements } from './append-announcements';
import { roundsOfDistinctStreams } from './append-rounds';
import { batchWhileBusy } from './batch-while-busy';
import { AppendSignal, followGlobalLog, sharedReads } from '../subscription';
import { packPosition, unpackPosition } from './global-position';
import { NativeSequences } from './native-sequences';
import { ensureSchema } from './schema';
import { type SqlClient, sqlError } from './sql-client';
import * as sql from './statements';

interface EventRow {
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date | string;
  transaction_text: string;
  position_text: string;
}

/** One append's answer within a group: its result, or what `append` alone would have thrown. */
type AppendOutcome = AppendResult | { refused: unknown };

type PositionRow = Pick<
  EventRow,
  'event_id' | 'stream_id' | 'revision' | 'transaction_text' | 'position_text'
>;

/** 'any' and 'stream_exists' cannot be wrong, so losing a race to another writer is retried. */
const MAX_ATTEMPTS_WITHOUT_EXPECTATION = 100;

export interface PostgresEventStoreOptions {
  /** How often an idle subscription looks for events appended by other processes. */
  pollIntervalMs?: number;
}

export class PostgresEventStore implements EventStore {
  private readonly appends = new AppendSignal();
  private readonly followersRead = sharedReads((options) => this.readAll(options), this.appends);
  private readonly sequences: NativeSequences;
  private readonly announcements: AppendAnnouncements | undefined;

  private constructor(
    private readonly db: SqlClient,
    private readonly options: PostgresEventStoreOptions,
    server: Pool | undefined,
  ) {
    this.sequences = new NativeSequences(db);
    this.announcements = server && new AppendAnnouncements(server, () => this.appends.signal());
  }

  /**
   * Creates the table if needed. On a server (`server`, the pool behind `db`), appends are
   * announced to the other processes' followers, and theirs heard, by NOTIFY.
   */
  static async create(db: SqlClient, options: PostgresEventStoreOptions = {}, server?: Pool) {
    await ensureSchema(db);
    const store = new PostgresEventStore(db, options, server);
    await store.announcements?.start();
    return store;
  }

  /** Wakes this process's followers, and, through the server, every other process's. */
  private appended() {
    this.appends.signal();
    this.announcements?.announce();
  }

  /**
   * Appends made while others are out go to the server together, as one statement (group
   * commit): the tickets service's concurrent commands then cost one round trip and one
   * transaction per batch instead of one each. Each caller still gets its own answer.
   */
  private readonly appendTogether = batchWhileBusy((appends: StreamAppend[]) => this.appendGroup(appends), {
    maxInFlight: 2,
  });

  async append(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions | ExpectedRevision,
  ): Promise<AppendResult> {
    const expectedRevision = checkAppend(streamId, events, options);
    if (events.length === 0) return this.appendNothing(streamId, expectedRevision);
    const outcome = await this.appendTogether({ streamId, events, expectedRevision });
    if ('refused' in outcome) throw outcome.refused;
    return outcome;
  }

  /**
   * A group of appends in rounds of distinct streams (a stream twice waits for the next round),
   * each round as one statement when every expectation holds. When one does not, the appends
   * whose expectation still holds go together once more and the others alone, so a refusal, a
   * replay or two writers of one stream are answered exactly as appends one at a time, and one
   * busy ticket does not send a whole group to the server one append at a time.
   */
  private async appendGroup(appends: StreamAppend[]): Promise<AppendOutcome[]> {
    const outcomes = new Array<AppendOutcome>(appends.length);
    for (const round of roundsOfDistinctStreams(appends.map((a) => a.streamId))) {
      const answers = await this.appendRound(round.map((i) => appends[i]));
      round.forEach((i, k) => (outcomes[i] = answers[k]));
    }
    return outcomes;
  }

  private async appendRound(appends: StreamAppend[], retry = true): Promise<AppendOutcome[]> {
    if (appends.length === 1) return [await this.appendAloneOutcome(appends[0])];
    // Any failure of the statement (an event the server refuses, another writer in between) is
    // sorted out below, so that it stays the answer of the caller it belongs to.
    const together = await this.appendAllAtOnce(appends).catch(() => undefined);
    if (together) return together;
    const alone = (some: StreamAppend[]) => Promise.all(some.map((a) => this.appendAloneOutcome(a)));
    if (!retry) return alone(appends);
    const last = await this.lastRevisions(appends.map((a) => a.streamId));
    const holds = appends.map((a) => revisionMatches(a.expectedRevision, last.get(a.streamId) ?? -1));
    if (holds.every(Boolean) || !holds.some(Boolean)) return alone(appends);
    const [holding, refused] = await Promise.all([
      this.appendRound(
        appends.filter((_, i) => holds[i]),
        false,
      ),
      alone(appends.filter((_, i) => !holds[i])),
    ]);
    return holds.map((held) => (held ? holding : refused).shift()!);
  }

  private appendAloneOutcome({ streamId, events, expectedRevision }: StreamAppend): Promise<AppendOutcome> {
    return this.appendAlone(streamId, events, expectedRevision).catch((refused: unknown) => ({ refused }));
  }

  private async appendAlone(
    streamId: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const mode = typeof expectedRevision === 'number' ? 'exact' : expectedRevision;
    const params = [
      streamId,
      mode,
      typeof expectedRevision === 'number' ? expectedRevision : null,
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata)),
    ];
    const attempts = mode === 'any' || mode === 'stream_exists' ? MAX_ATTEMPTS_WITHOUT_EXPECTATION : 1;
    for (let attempt = 1; ; attempt++) {
      let violated: string | undefined;
      try {
        const { rows } = await this.db.query<PositionRow>(sql.appendEvents, params);
        if (rows.length > 0) {
          this.appended();
          const last = rows.reduce((a, b) => (b.revision > a.revision ? b : a));
          return { nextExpectedRevision: last.revision, position: positionOf(last) };
        }
      } catch (error) {
        violated = sqlError(error).constraint;
        if (violated !== sql.STREAM_REVISION_UNIQUE && violated !== sql.EVENT_ID_UNIQUE) throw error;
      }
      // Nothing was written. A retried append of stored events is a replay, whatever it expected.
      const replay = answerToRepeat(streamId, events, await this.storedCopies(events));
      if (replay) return replay;
      if (violated === sql.STREAM_REVISION_UNIQUE && attempt < attempts) continue;
      throw await this.conflict(streamId, expectedRevision);
    }
  }

  /**
   * The streams as one group (see appendGroup): one statement when every expectation holds (a
   * consumer's batch, a scheduler's round), else each alone, as `append` answers it.
   */
  async appendToStreams(appends: StreamAppend[]): Promise<AppendResult[]> {
    checkDistinctStreams(appends);
    const checked = appends.map((a) => ({
      ...a,
      expectedRevision: checkAppend(a.streamId, a.events, a.expectedRevision),
    }));
    if (checked.some((a) => a.events.length === 0)) return appendOneByOne(this, checked);
    const outcomes = await this.appendGroup(checked);
    return outcomes.map((outcome) => {
      if ('refused' in outcome) throw outcome.refused;
      return outcome;
    });
  }

  /**
   * Distinct streams, each with events, in one statement: undefined when an expectation does not
   * hold, a throw when two writers collide (either way nothing is written).
   */
  private async appendAllAtOnce(appends: StreamAppend[]): Promise<AppendResult[] | undefined> {
    const expectations = appends.map((a) => a.expectedRevision);
    const events = appends.flatMap((a, s) =>
      a.events.map((event, i) => ({ event, stream: s + 1, nth: i + 1 })),
    );
    const params = [
      appends.map((a) => a.streamId),
      expectations.map((e) => (typeof e === 'number' ? 'exact' : e)),
      expectations.map((e) => (typeof e === 'number' ? e : null)),
      events.map((e) => e.stream),
      events.map((e) => e.nth),
      events.map((e) => e.event.id),
      events.map((e) => e.event.type),
      events.map((e) => JSON.stringify(e.event.data)),
      events.map((e) => JSON.stringify(e.event.metadata)),
    ];
    const { rows } = await this.db.query<PositionRow>(sql.appendToStreams, params);
    if (rows.length === 0) return undefined;
    this.appended();
    const last = new Map<string, PositionRow>();
    for (const row of rows) {
      const seen = last.get(row.stream_id);
      if (!seen || row.revision > seen.revision) last.set(row.stream_id, row);
    }
    return appends.map((a) => {
      const row = last.get(a.streamId)!;
      return { nextExpectedRevision: row.revision, position: positionOf(row) };
    });
  }

  async readStreams(streamIds: string[]) {
    if (streamIds.length === 0) return [];
    const { rows } = await this.db.query<EventRow>(sql.readStreams, [streamIds]);
    const byStream = new Map<string, StoredEvent[]>(streamIds.map((id) => [id, []]));
    for (const row of rows) byStream.get(row.stream_id)!.push(toStoredEvent(row));
    return streamIds.map((id) => byStream.get(id)!);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}) {
    const { rows } = await this.db.query<EventRow>(sql.readStream, [
      streamId,
      options.toRevision ?? null,
      options.toTime?.toISOString() ?? null,
    ]);
    return rows.map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions = {}) {
    const from = unpackPosition(options.fromPosition ?? 0n);
    const { rows } = await this.db.query<EventRow>(sql.readAll, [
      from.transactionId,
      from.position,
      options.limit ?? DEFAULT_READ_ALL_LIMIT,
      options.streamPrefix ?? null,
    ]);
    return rows.map(toStoredEvent);
  }

  async headPosition() {
    const { rows } = await this.db.query<PositionRow>(sql.headPosition);
    return rows[0] && positionOf(rows[0]);
  }

  subscribeToAll(options: SubscribeOptions) {
    return followGlobalLog(this.followersRead, options, this.appends, this.options.pollIntervalMs ?? 100);
  }

  nextSequenceValue(name: string) {
    return this.sequences.next(name);
  }

  async close() {
    await this.announcements?.close();
    await this.db.close();
  }

  private async appendNothing(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const actual = await this.lastRevision(streamId);
    if (!revisionMatches(expected, actual)) throw this.conflictAt(streamId, expected, actual);
    return { nextExpectedRevision: actual, position: (await this.headPosition()) ?? 0n };
  }

  private async storedCopies(events: NewEvent[]) {
    const { rows } = await this.db.query<PositionRow>(sql.findEvents, [events.map((e) => e.id)]);
    return rows.map((row) => ({
      id: row.event_id,
      streamId: row.stream_id,
      revision: row.revision,
      position: positionOf(row),
    }));
  }

  private async conflict(streamId: string, expected: ExpectedRevision) {
    return this.conflictAt(streamId, expected, await this.lastRevision(streamId));
  }

  private conflictAt(streamId: string, expected: ExpectedRevision, actual: number) {
    return new WrongExpectedRevisionError(streamId, expected, actual < 0 ? 'no_stream' : actual);
  }

  /** Each stream's last revision; a stream without events is missing. */
  private async lastRevisions(streamIds: string[]) {
    const { rows } = await this.db.query<{ stream_id: string; last: number }>(sql.lastRevisions, [streamIds]);
    return new Map(rows.map((row) => [row.stream_id, row.last]));
  }

  private async lastRevision(streamId: string) {
    const { rows } = await this.db.query<{ last: number | null }>(sql.lastRevision, [streamId]);
    return rows[0]?.last ?? -1;
  }
}

const positionOf = (row: Pick<EventRow, 'transaction_text' | 'position_text'>) =>
  packPosition(row.transaction_text, row.position_text);

const toStoredEvent = (row: EventRow): StoredEvent => ({
  id: row.event_id,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  streamId: row.stream_id,
  revision: row.revision,
  position: positionOf(row),
  recordedAt: new Date(row.recorded_at),
});
