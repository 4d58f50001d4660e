import { decodeEvent, type Priority, type SlaEvent } from '@helpdesk/contracts';
import { type EventStore, fold } from '@helpdesk/event-store';
import { EVENT_STORE, type Principal } from '@helpdesk/platform';
import { decodeCursor, encodeCursor, type Scalar, type ViewQuery } from '@helpdesk/read-models';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TicketEventsConsumer } from '../consumers/ticket-events';
import {
  complianceReport,
  parsePolicy,
  slaClockDecider,
  slaStream,
  ticketClockOutcomes,
  whatIf,
} from '../domain';
import type { BoardClock } from '../projections/sla-board';
import { canSeeTicket, organisationScope, ticketNotFound } from './sla-access';
import { findAll } from './find-all';
import { SlaBoardReadModel, SlaScheduleReadModel } from './sla-read-models';
import { SLA_SETTINGS, type SlaSettings } from './sla-settings';
import { ticketSlaDetails } from './ticket-sla-details';

export class GetTicketSlaQuery {
  constructor(
    readonly ticketId: string,
    readonly principal: Principal,
  ) {}
}

@QueryHandler(GetTicketSlaQuery)
export class GetTicketSlaQueryHandler implements IQueryHandler<GetTicketSlaQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SLA_SETTINGS) private readonly settings: SlaSettings,
    private readonly tickets: TicketEventsConsumer,
  ) {}

  /** Folded from the ticket's SLA stream: the clocks as they are, measured now. */
  async execute({ ticketId, principal }: GetTicketSlaQuery) {
    const stored = await this.store.readStream(slaStream(ticketId));
    const events = stored.map((e) => decodeEvent<SlaEvent>(e));
    const state = fold(slaClockDecider(this.settings.policies), events);
    // A ticket someone may not see answers exactly like one the monitor does not know.
    if (!state.monitored) throw ticketNotFound();
    const record = await this.tickets.records.get(ticketId);
    if (!canSeeTicket(principal, state.organisationId, record)) throw ticketNotFound();
    return {
      ...ticketSlaDetails(state, events, this.settings.policies, new Date()),
      assigneeId: record?.assigneeId ?? null,
      revision: stored.length - 1,
    };
  }
}

export interface BoardFilters {
  organisationId?: string;
  priority?: Priority[];
  assigneeId?: string;
  limit: number;
  cursor?: string;
}

export class SlaBoardQuery {
  constructor(
    readonly principal: Principal,
    readonly filters: BoardFilters,
  ) {}
}

@QueryHandler(SlaBoardQuery)
export class SlaBoardQueryHandler implements IQueryHandler<SlaBoardQuery> {
  constructor(
    private readonly board: SlaBoardReadModel,
    private readonly tickets: TicketEventsConsumer,
  ) {}

  /** Running clocks that were warned or breached, soonest due first (breached ones lead). */
  async execute({ principal, filters }: SlaBoardQuery) {
    const scope = organisationScope(principal, 'SLA board');
    const empty = { items: [], nextCursor: null };
    if (scope && filters.organisationId && filters.organisationId !== scope) return empty;
    await this.board.includeCommittedWrites();
    const where: Record<string, Scalar | Scalar[]> = { atRisk: true };
    const organisationId = scope ?? filters.organisationId;
    if (organisationId) where.organisationId = organisationId;
    if (filters.priority?.length) where.priority = filters.priority;
    if (filters.assigneeId) {
      const assigned = await findAll(this.tickets.records, {
        where: { assigneeId: filters.assigneeId },
        sort: { field: 'ticketId', direction: 'asc' },
      });
      if (assigned.length === 0) return empty;
      where.ticketId = assigned.map((record) => record.ticketId);
    }
    const query: ViewQuery = {
      where,
      sort: { field: 'dueAt', direction: 'asc' },
      limit: filters.limit + 1,
      ...(filters.cursor && { after: decodeCursor(filters.cursor) }),
    };
    const found = await this.board.views.find(query);
    const page = found.slice(0, filters.limit);
    const last = page.at(-1);
    return {
      items: await Promise.all(page.map((clock) => this.withAssignee(clock))),
      nextCursor:
        found.length > filters.limit && last ? encodeCursor({ value: last.dueAt, id: last.id }) : null,
    };
  }

  private async withAssignee({ id: _id, revision: _revision, atRisk: _atRisk, ...clock }: BoardClock) {
    const record = await this.tickets.records.get(clock.ticketId);
    return { ...clock, assigneeId: record?.assigneeId ?? null };
  }
}

export interface Period {
  from: string;
  to: string;
}

export class ComplianceReportQuery {
  constructor(
    readonly principal: Principal,
    readonly period: Period,
  ) {}
}

/** Tickets registered in the period (both ends included), for the caller's scope. */
const registeredIn = (period: Period, organisationId: string | undefined) => ({
  ...(organisationId && { where: { organisationId } }),
  range: { registeredAt: { gte: period.from, lte: period.to } },
  sort: { field: 'registeredAt', direction: 'asc' as const },
});

@QueryHandler(ComplianceReportQuery)
export class ComplianceReportQueryHandler implements IQueryHandler<ComplianceReportQuery> {
  constructor(private readonly schedule: SlaScheduleReadModel) {}

  /** Met and breached clocks of the tickets registered in the period, as they stand now. */
  async execute({ principal, period }: ComplianceReportQuery) {
    const scope = organisationScope(principal, 'compliance report');
    await this.schedule.includeCommittedWrites();
    const tickets = await findAll(this.schedule.views, registeredIn(period, scope));
    return {
      ...period,
      tickets: tickets.length,
      rows: complianceReport(tickets.flatMap((ticket) => ticketClockOutcomes(ticket.state))),
    };
  }
}

export class WhatIfQuery {
  constructor(
    readonly principal: Principal,
    readonly policy: unknown,
    readonly period: Period,
  ) {}
}

@QueryHandler(WhatIfQuery)
export class WhatIfQueryHandler implements IQueryHandler<WhatIfQuery> {
  constructor(private readonly tickets: TicketEventsConsumer) {}

  /**
   * The compliance report of the period's tickets had they run under this policy: their events
   * replayed through the same clocks up to the end of the period (or now). Nothing is written.
   */
  async execute({ principal, policy: definition, period }: WhatIfQuery) {
    const scope = organisationScope(principal, 'what-if report');
    const policy = parsePolicy(definition);
    const records = await findAll(this.tickets.records, registeredIn(period, scope));
    const until = new Date(Math.min(Date.parse(period.to), Date.now())).toISOString();
    const outcomes = whatIf(
      records.map((record) => record.events),
      policy,
      until,
    );
    return {
      ...period,
      policy: { id: policy.id, version: policy.version, name: policy.name },
      tickets: records.length,
      rows: complianceReport(outcomes),
    };
  }
}
