import type { Stack } from '../../../deploy/local/stack/stack';
import type { LoadDesk } from './command-load';
import { agent, type Answer, call } from './desk-client';
import { urlsOf } from './test-stack';
import { PacedLoop } from './paced-loop';

/** How a read after a write went: it saw the write, answered 503 (plainly not yet), or missed it silently. */
export interface ReadAfterWriteFigures {
  reads: number;
  /** 200 without the write: what read-your-writes must never give. */
  silentMisses: number;
  /** 503 with Retry-After: the read model was still behind after the wait limit. */
  notYet: number;
  /** Anything else (a failure, another status). */
  failed: number;
  /** How long the reads that saw the write took, worst first. */
  slowestMs: number[];
}

const OK = 'ok';
type Outcome = typeof OK | 'silent miss' | 'not yet' | 'failed';

/**
 * Writes on one replica and reads it back at once on another, sending the write's position
 * (X-Write-Position as X-Read-After): a ticket registered, listed and assigned to the agent (so
 * its SLA alerts go to the agent and the lead), and a contact added, then fetched by id. The
 * replicas take turns at writing; with one process per service it reads where it wrote.
 */
export class ReadAfterWriteProbe {
  readonly figures = { list: this.empty(), contact: this.empty() };
  /** The tickets it assigned to `agent`, with the assignment's revision: later alerts go to the agent too. */
  readonly assignedAt = new Map<string, number>();
  private round = 0;
  private readonly loop = new PacedLoop(() => this.next());

  constructor(
    private readonly stack: Stack,
    private readonly desk: LoadDesk,
    private readonly runId = Date.now().toString(36),
  ) {}

  start(intervalMs: number) {
    this.loop.start(intervalMs);
  }

  stop() {
    return this.loop.stop();
  }

  private empty(): ReadAfterWriteFigures {
    return { reads: 0, silentMisses: 0, notYet: 0, failed: 0, slowestMs: [] };
  }

  /** Writer and reader for this round: different replicas when there are two. */
  private pair(service: 'tickets' | 'contacts') {
    const urls = urlsOf(this.stack, service);
    const writer = urls[this.round % urls.length];
    return [writer, urls[(this.round + 1) % urls.length]] as const;
  }

  private async next() {
    this.round++;
    await this.ticketRound();
    await this.contactRound();
  }

  private async ticketRound() {
    const [writer, reader] = this.pair('tickets');
    const filed = await call(writer, 'POST', '/tickets', this.desk.administrator, {
      kind: 'question',
      subject: `Consistency ${this.runId} #${this.round}`,
      description: 'Read back at once on another replica.',
    });
    if (filed.status !== 201) return;
    const id = String(filed.body.id);
    const began = Date.now();
    const list = await call(reader, 'GET', '/tickets?sort=-createdAt&limit=20', agent, undefined, 30000, {
      'x-read-after': filed.headers.get('x-write-position') ?? '',
    });
    this.count(this.figures.list, list, began, (body) =>
      ((body.items ?? []) as Array<{ id: string }>).some((t) => t.id === id),
    );
    const assigned = await call(reader, 'POST', `/tickets/${id}/assignment`, agent, { assigneeId: agent.id });
    if (assigned.status === 200) this.assignedAt.set(id, Number(assigned.body.revision));
  }

  private async contactRound() {
    const [writer, reader] = this.pair('contacts');
    const { organisationId, administrator } = this.desk;
    const added = await call(writer, 'POST', `/organisations/${organisationId}/contacts`, administrator, {
      name: `Probe ${this.round}`,
      email: `probe-${this.runId}-${this.round}@consistency.example`,
      language: 'en',
    });
    if (added.status !== 201) return;
    const began = Date.now();
    const contact = await call(reader, 'GET', `/contacts/${added.body.id}`, administrator, undefined, 30000, {
      'x-read-after': added.headers.get('x-write-position') ?? '',
    });
    this.count(this.figures.contact, contact, began, (body) => body.id === added.body.id);
  }

  private count(
    figures: ReadAfterWriteFigures,
    answer: Answer,
    began: number,
    holdsWrite: (body: Record<string, unknown>) => boolean,
  ) {
    figures.reads++;
    const outcome: Outcome =
      answer.status === 'failed'
        ? 'failed'
        : answer.status === 503
          ? 'not yet'
          : answer.status === 200
            ? holdsWrite(answer.body)
              ? OK
              : 'silent miss'
            : // A 404 for a contact just created is a miss too: the read did not see the write.
              answer.status === 404
              ? 'silent miss'
              : 'failed';
    if (outcome === 'silent miss') figures.silentMisses++;
    if (outcome === 'not yet') figures.notYet++;
    if (outcome === 'failed') figures.failed++;
    if (outcome === OK)
      figures.slowestMs = [...figures.slowestMs, Date.now() - began].sort((a, b) => b - a).slice(0, 3);
  }
}
