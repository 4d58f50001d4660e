import { DomainError, type EventStore, fold } from '@helpdesk/event-store';
import { EVENT_STORE, type Principal } from '@helpdesk/platform';
import { decodeCursor, encodeCursor, type OrganisationView } from '@helpdesk/read-models';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  canSee,
  type Contact,
  organisationDecider,
  organisationStream,
  type RegisteredOrganisation,
} from '../domain';
import { ContactIndex, OrganisationsReadModel } from './contacts-read-models';
import {
  organisationAsSeenBy,
  type OrganisationDetailsView,
  type OrganisationSummary,
} from './organisation-visibility';

const notFound = () =>
  new DomainError('not_found', 'organisation_not_found', 'There is no such organisation.');
const contactNotFound = () => new DomainError('not_found', 'contact_not_found', 'There is no such contact.');

/** The organisation folded from its own stream: always the caller's last write. */
export const loadOrganisation = async (store: EventStore, organisationId: string, principal: Principal) => {
  const events = await store.readStream(organisationStream(organisationId));
  const state = fold(
    organisationDecider,
    events.map((e) => ({ type: e.type, data: e.data }) as never),
  );
  if (state.status === 'unregistered' || !canSee(principal, state)) throw notFound();
  return { organisation: state, revision: events.length - 1 };
};

/** Contacts are read by administrators of their organisation and by agents. */
export const requireContactReader = (principal: Principal, organisation: RegisteredOrganisation) => {
  if (principal.role === 'customer_employee')
    throw new DomainError(
      'forbidden',
      'administrators_only',
      `Only ${organisation.name}'s administrators see its contacts.`,
    );
};

export class GetOrganisationQuery {
  constructor(
    readonly organisationId: string,
    readonly principal: Principal,
  ) {}
}

@QueryHandler(GetOrganisationQuery)
export class GetOrganisationQueryHandler implements IQueryHandler<GetOrganisationQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({
    organisationId,
    principal,
  }: GetOrganisationQuery): Promise<OrganisationDetailsView | OrganisationSummary> {
    const { organisation, revision } = await loadOrganisation(this.store, organisationId, principal);
    return organisationAsSeenBy(principal, organisation, revision);
  }
}

export class ListContactsQuery {
  constructor(
    readonly organisationId: string,
    readonly principal: Principal,
  ) {}
}

@QueryHandler(ListContactsQuery)
export class ListContactsQueryHandler implements IQueryHandler<ListContactsQuery, Contact[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ organisationId, principal }: ListContactsQuery) {
    const { organisation } = await loadOrganisation(this.store, organisationId, principal);
    requireContactReader(principal, organisation);
    return Object.values(organisation.contacts).sort((a, b) => a.name.localeCompare(b.name));
  }
}

export class GetContactQuery {
  constructor(
    readonly contactId: string,
    readonly principal: Principal,
  ) {}
}

@QueryHandler(GetContactQuery)
export class GetContactQueryHandler implements IQueryHandler<GetContactQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly index: ContactIndex,
  ) {}

  /** The contact and its organisation; a contact of another organisation does not exist for the caller. */
  async execute({ contactId, principal }: GetContactQuery) {
    const organisationId = await this.organisationOf(contactId);
    const { organisation, revision } = await loadOrganisation(this.store, organisationId, principal).catch(
      () => {
        throw contactNotFound();
      },
    );
    const contact = organisation.contacts[contactId];
    // An employee may read their own record, nobody else's.
    if (principal.role === 'customer_employee' && principal.id !== contactId) throw contactNotFound();
    return { contact: { ...contact, organisationId }, organisation, revision };
  }

  async organisationOf(contactId: string) {
    let entry = await this.index.views.get(contactId);
    if (!entry) {
      // Added a moment ago: wait for the index to hold every committed write, then look again.
      await this.index.includeCommittedWrites();
      entry = await this.index.views.get(contactId);
    }
    if (!entry) throw contactNotFound();
    return entry.organisationId;
  }
}

export class ListOrganisationsQuery {
  constructor(
    readonly principal: Principal,
    readonly filters: { q?: string; status?: 'active' | 'inactive'; limit: number; cursor?: string },
  ) {}
}

@QueryHandler(ListOrganisationsQuery)
export class ListOrganisationsQueryHandler implements IQueryHandler<ListOrganisationsQuery> {
  constructor(private readonly readModel: OrganisationsReadModel) {}

  async execute({ principal, filters }: ListOrganisationsQuery) {
    await this.readModel.includeCommittedWrites();
    if (principal.role !== 'agent' && principal.role !== 'system') {
      // Customers list only their own organisation.
      const own = await this.readModel.views.get(principal.organisationId ?? '');
      return { items: own ? [listed(principal, own)] : [], nextCursor: null };
    }
    const where: Record<string, string> = {};
    if (filters.status) where.status = filters.status;
    const found = await this.readModel.views.find({
      where,
      ...(filters.q ? { contains: { fields: ['name'], text: filters.q } } : {}),
      sort: { field: 'name', direction: 'asc' },
      ...(filters.cursor ? { after: decodeCursor(filters.cursor) } : {}),
      limit: filters.limit + 1,
    });
    const page = found.slice(0, filters.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((view) => listed(principal, view)),
      nextCursor:
        found.length > filters.limit && last ? encodeCursor({ value: last.name, id: last.id }) : null,
    };
  }
}

/** A list shows each organisation exactly as its detail route shows it to the same caller. */
const listed = (principal: Principal, { revision, ...organisation }: OrganisationView) =>
  organisationAsSeenBy(principal, organisation, revision);
