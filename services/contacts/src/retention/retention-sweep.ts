import { DomainError } from '@helpdesk/decider';
import type { CommandRequest, Principal } from '@helpdesk/platform';
import { viewPages } from '@helpdesk/read-models';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ContactErasure } from '../application/contact-erasure';
import { ContactLifecycleReadModel } from '../application/contacts-read-models';
import { TICKET_ACTIVITY_GROUP, TicketActivityReadModel } from '../application/ticket-activity';
import { retentionReason, retentionVerdict } from '../domain';

const RETENTION: Principal = { id: 'retention', role: 'system' };
const PAGE = 200;
/**
 * A copy of the tickets further behind than this (a new deployment replaying the topic) could
 * hide an open ticket: the sweep waits for the next round. A few messages in flight are the
 * ordinary race of any sweep, and the decider still refuses anyone active.
 */
const MAX_TICKET_ACTIVITY_LAG = 100;

export interface SweepOptions {
  days: number;
  /** List whom it would erase, erase no one. */
  dryRun?: boolean;
  /** The sweep's clock (now by default): a test moves it on instead of waiting for a period to pass. */
  now?: Date;
  /** Asked before each contact: false ends the pass there (the lease was lost, the process stops). */
  keepGoing?: () => boolean;
  /** After each page: what it did so far. */
  onProgress?: (progress: SweepProgress) => void;
}

/** Counts and ids only: never a name or an address. */
export interface SweepProgress {
  lookedAt: number;
  /** The ids erased (a dry run: that would be). */
  erased: string[];
  /** Refused by the decider (reactivated since, the last administrator): counted, left. */
  refused: number;
  /** Failed otherwise (a store not answering): the next sweep tries again. */
  failed: number;
  /** Why the pass did not look at anyone, when it did not. */
  skipped?: string;
}

/**
 * One pass of retention: pages through the contacts who are no longer active and not erased,
 * asks the pure verdict for each with their ticket activity, and erases those due through the
 * same ContactErasure as a request would, as the system. A refusal or failure of one contact is
 * counted and the pass goes on.
 */
@Injectable()
export class RetentionSweep {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly contacts: ContactLifecycleReadModel,
    private readonly tickets: TicketActivityReadModel,
    private readonly erasure: ContactErasure,
  ) {}

  async sweep({
    days,
    dryRun = false,
    now = new Date(),
    keepGoing = () => true,
    onProgress,
  }: SweepOptions): Promise<SweepProgress> {
    const progress: SweepProgress = { lookedAt: 0, erased: [], refused: 0, failed: 0 };
    const behind = await this.ticketActivityBehind();
    if (behind) {
      this.logger.warn(`retention sweep skipped: ${behind}`);
      return { ...progress, skipped: behind };
    }
    await this.contacts.includeCommittedWrites();
    const reason = retentionReason(days);
    const gone = { where: { active: false, erased: false }, orderedBy: 'id', pageSize: PAGE };
    for await (const page of viewPages(this.contacts.views, gone)) {
      for (const contact of page) {
        if (!keepGoing()) return progress;
        progress.lookedAt++;
        const verdict = retentionVerdict(contact, await this.tickets.activityOf(contact.id), now, days);
        if (!verdict.erase) continue;
        if (dryRun) progress.erased.push(contact.id);
        else await this.erase(contact.organisationId, contact.id, reason, progress);
      }
      onProgress?.(progress);
    }
    return progress;
  }

  /** Why the copy of the tickets cannot be trusted now, if it cannot. */
  private async ticketActivityBehind(): Promise<string | undefined> {
    const lag = await this.tickets.lag();
    if (typeof lag === 'number' && lag <= MAX_TICKET_ACTIVITY_LAG) return undefined;
    return `the copy of the tickets (${TICKET_ACTIVITY_GROUP}) is ${typeof lag === 'number' ? `${lag} behind` : lag}`;
  }

  private async erase(organisationId: string, contactId: string, reason: string, progress: SweepProgress) {
    try {
      await this.erasure.erase(organisationId, contactId, reason, systemRequest(), { byRetention: true });
      progress.erased.push(contactId);
    } catch (error) {
      if (error instanceof DomainError) {
        progress.refused++;
        this.logger.warn(`retention left contact ${contactId}: refused (${error.code})`);
      } else {
        progress.failed++;
        this.logger.error(`retention could not erase contact ${contactId}: ${(error as Error).message}`);
      }
    }
  }
}

/** Counts only: ids and names stay out of the service's log. */
export const sweepSummary = ({ lookedAt, erased, refused, failed }: SweepProgress, dryRun = false) =>
  `${lookedAt} no longer contacts looked at, ${erased.length} ${dryRun ? 'to erase' : 'erased'}, ${refused} refused, ${failed} failed`;

/** Every erasure of a sweep its own correlation id, the system as the actor. */
const systemRequest = (): CommandRequest => {
  const correlationId = randomUUID();
  return { principal: RETENTION, context: { correlationId, causationId: correlationId, actor: RETENTION } };
};
