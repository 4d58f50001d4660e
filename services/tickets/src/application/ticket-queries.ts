import { ticketScopeOf } from '@helpdesk/contracts';
import { DomainError, type EventStore } from '@helpdesk/event-store';
import { EVENT_STORE, type Principal } from '@helpdesk/platform';
import { decodeCursor, encodeCursor, foldView, type Scalar, type ViewQuery } from '@helpdesk/read-models';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { canSee, type Priority, type TicketKind, type TicketStatus, ticketStream } from '../domain';
import { type TicketView, ticketViewProjection, visibleTo } from '../projections/ticket-view';
import { TicketSlaClocks } from '../consumers/sla-clocks';
import type { TicketSla } from '../projections/ticket-sla';
import { receivedMailsOf } from './received-mails';
import { pageBySlaDue } from './sla-due-order';
import { TicketReadModel } from './ticket-read-model';

const notFound = () => new DomainError('not_found', 'ticket_not_found', 'There is no such ticket.');

export class GetTicketQuery {
  constructor(
    readonly ticketId: string,
    readonly principal: Principal,
    /** The ticket as it was at this moment, folded from its events. */
    readonly asOf?: Date,
  ) {}
}

@QueryHandler(GetTicketQuery)
export class GetTicketQueryHandler implements IQueryHandler<
  GetTicketQuery,
  TicketView & { sla?: TicketSla['clocks'] }
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly sla: TicketSlaClocks,
  ) {}

  /**
   * Folded from the ticket's own stream, not read from the read model: one indexed read that
   * always shows the caller's last write, now or as it was at `asOf`, by the same projection.
   */
  async execute({ ticketId, principal, asOf }: GetTicketQuery) {
    const events = await this.store.readStream(ticketStream(ticketId), asOf && { toTime: asOf });
    const view = foldView(ticketViewProjection, events);
    // A ticket someone may not see answers exactly like one that does not exist.
    if (!view || !canSee(principal, view)) throw notFound();
    // The SLA clocks as the monitor last published them: current, so not shown for a past moment.
    if (asOf) return visibleTo(view, principal.role);
    return { ...visibleTo(view, principal.role), sla: await this.sla.clocksOf(ticketId) };
  }
}

export interface HistoryEntry {
  revision: number;
  type: string;
  at: string;
  by: string;
  role?: string;
  data: Record<string, unknown>;
}

export class TicketHistoryQuery {
  constructor(
    readonly ticketId: string,
    readonly principal: Principal,
  ) {}
}

@QueryHandler(TicketHistoryQuery)
export class TicketHistoryQueryHandler implements IQueryHandler<TicketHistoryQuery, HistoryEntry[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ ticketId, principal }: TicketHistoryQuery) {
    const events = await this.store.readStream(ticketStream(ticketId));
    const ticket = foldView(ticketViewProjection, events);
    if (!ticket || !canSee(principal, ticket)) throw notFound();
    const isAgent = principal.role === 'agent' || principal.role === 'system';
    const mailsBefore = await receivedMailsOf(this.store, events, isAgent);
    return events
      .filter((e) => isAgent || !(e.type === 'CommentAdded' && e.data.visibility === 'internal'))
      .flatMap((e) => [
        ...mailsBefore(e.revision),
        {
          revision: e.revision,
          type: e.type,
          at: String(e.data.at ?? e.recordedAt.toISOString()),
          by: String(e.data.by),
          role: (e.metadata.actor as { role?: string } | undefined)?.role,
          data: e.data,
        },
      ]);
  }
}

export interface TicketFilters {
  status?: TicketStatus[];
  priority?: Priority[];
  kind?: TicketKind[];
  organisationId?: string;
  assigneeId?: string;
  reporterId?: string;
  q?: string;
  sort: {
    field: 'updatedAt' | 'createdAt' | 'priorityRank' | 'number' | 'slaDue';
    direction: 'asc' | 'desc';
  };
  limit: number;
  cursor?: string;
}

export type TicketSummary = Pick<
  TicketView,
  | 'id'
  | 'number'
  | 'subject'
  | 'kind'
  | 'channel'
  | 'status'
  | 'priority'
  | 'organisationId'
  | 'reporterId'
  | 'assigneeId'
  | 'createdAt'
  | 'updatedAt'
  | 'revision'
> & { slaDueAt?: string | null };

export class ListTicketsQuery {
  constructor(
    readonly principal: Principal,
    readonly filters: TicketFilters,
  ) {}
}

@QueryHandler(ListTicketsQuery)
export class ListTicketsQueryHandler implements IQueryHandler<
  ListTicketsQuery,
  { items: TicketSummary[]; nextCursor: string | null }
> {
  constructor(
    private readonly readModel: TicketReadModel,
    private readonly sla: TicketSlaClocks,
  ) {}

  async execute({ principal, filters }: ListTicketsQuery) {
    await this.readModel.includeCommittedWrites();
    const where: Record<string, Scalar | Scalar[]> = {};
    if (filters.status?.length) where.status = filters.status;
    if (filters.priority?.length) where.priority = filters.priority;
    if (filters.kind?.length) where.kind = filters.kind;
    if (filters.organisationId) where.organisationId = filters.organisationId;
    if (filters.assigneeId) where.assigneeId = filters.assigneeId;
    if (filters.reporterId) where.reporterId = filters.reporterId;
    const query: ViewQuery = { where, sort: filters.sort, limit: filters.limit + 1 };
    // The same rule the detail route checks (maySeeTicket), as a query.
    const scope = ticketScopeOf(principal);
    if (scope.organisationId !== undefined) {
      if (filters.organisationId && filters.organisationId !== scope.organisationId)
        return { items: [], nextCursor: null };
      where.organisationId = scope.organisationId;
    }
    if (scope.involving !== undefined)
      query.either = [{ reporterId: scope.involving }, { participantIds: scope.involving }];
    if (filters.q) query.contains = { fields: ['subject', 'number'], text: filters.q };
    if (filters.sort.field === 'slaDue') return this.bySlaDue(query, filters);
    if (filters.cursor) query.after = decodeCursor(filters.cursor);
    const found = await this.readModel.views.find(query);
    const page = found.slice(0, filters.limit);
    const last = page[page.length - 1];
    const nextCursor =
      found.length > filters.limit && last
        ? encodeCursor({
            value: (last as unknown as Record<string, Scalar>)[filters.sort.field],
            id: last.id,
          })
        : null;
    return { items: page.map(summary), nextCursor };
  }

  /**
   * The deadlines live in the SLA read model (fed by another service's topic), not in the ticket
   * documents, which only the ticket projection writes: every ticket the filters select is read
   * with its clocks and ordered here. FerretDB sorts such a selection in memory all the same.
   */
  private async bySlaDue(query: ViewQuery, filters: TicketFilters) {
    const selected = await this.readModel.views.find({
      ...query,
      sort: { field: 'createdAt', direction: 'asc' },
      limit: SLA_DUE_SELECTION + 1,
    });
    if (selected.length > SLA_DUE_SELECTION)
      throw new DomainError(
        'invalid',
        'too_many_to_sort_by_sla_due',
        `More than ${SLA_DUE_SELECTION} tickets match: filter them (by status, say) to sort by SLA due time.`,
        { errors: [{ field: 'sort', reason: 'too many tickets match to sort by SLA due time' }] },
      );
    const dues = await this.sla.nextDuesOf(selected.map((view) => view.id));
    const { page, more } = pageBySlaDue(
      selected.map((view) => ({ ...summary(view), slaDueAt: dues.get(view.id) ?? null })),
      filters.limit,
      filters.cursor ? decodeCursor(filters.cursor) : undefined,
    );
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor: more && last ? encodeCursor({ value: last.slaDueAt, id: last.id }) : null,
    };
  }
}

/** At most this many tickets are ordered by deadline at once: a queue filters to its open ones. */
const SLA_DUE_SELECTION = 5000;

const summary = (view: TicketView): TicketSummary => ({
  id: view.id,
  number: view.number,
  subject: view.subject,
  kind: view.kind,
  channel: view.channel,
  status: view.status,
  priority: view.priority,
  organisationId: view.organisationId,
  reporterId: view.reporterId,
  assigneeId: view.assigneeId,
  createdAt: view.createdAt,
  updatedAt: view.updatedAt,
  revision: view.revision,
});
