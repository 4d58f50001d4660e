import { contactSubject, decodeEvent, type OrganisationEvent } from '@helpdesk/contracts';
import { DomainError, type EventStore } from '@helpdesk/event-store';
import { EVENT_STORE, type Principal } from '@helpdesk/platform';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { organisationStream } from '../domain';
import { GetContactQuery, GetContactQueryHandler } from './organisation-queries';

export class ExportPersonalDataQuery {
  constructor(
    readonly contactId: string,
    readonly principal: Principal,
  ) {}
}

/** One recorded change about the person, as the desk holds it (personal values opened). */
export interface RecordedChange {
  type: OrganisationEvent['type'];
  at: string;
  by: string;
  data: Record<string, unknown>;
}

/**
 * What the contacts service holds about a person (GDPR articles 15 and 20): their record, and
 * every change recorded about them, in clear while they have a key. The tickets they reported
 * or take part in and the mails sent to them are held by the tickets and notifications services:
 * the export names the queries that return those (`elsewhere`), answered to the same caller.
 */
@QueryHandler(ExportPersonalDataQuery)
export class ExportPersonalDataQueryHandler implements IQueryHandler<ExportPersonalDataQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly contacts: GetContactQueryHandler,
  ) {}

  async execute({ contactId, principal }: ExportPersonalDataQuery) {
    // The person, their organisation's administrators and agents; other systems get no export.
    if (principal.role === 'system')
      throw new DomainError(
        'forbidden',
        'not_for_systems',
        'An export is for the person, their administrator or an agent.',
      );
    const { contact, organisation, revision } = await this.contacts.execute(
      new GetContactQuery(contactId, principal),
    );
    const stream = await this.store.readStream(organisationStream(organisation.id));
    const history: RecordedChange[] = stream
      .map((e) => decodeEvent<OrganisationEvent>(e))
      .filter((event) => isAbout(event, contactId))
      .map(({ type, data: { at, by, organisationId: _org, ...data } }) => ({ type, at, by, data }));
    return {
      subject: contactSubject(contactId),
      exportedAt: new Date().toISOString(),
      // As GET /contacts/{id} shows it, with its organisation's revision.
      contact: { ...contact, revision },
      organisation: { id: organisation.id, name: organisation.name },
      history,
      elsewhere: [
        { service: 'tickets', holds: 'tickets they reported', query: `/tickets?reporterId=${contactId}` },
        {
          service: 'notifications',
          holds: 'mails sent to them',
          query: `/notifications?recipient=${contactId}`,
        },
      ],
    };
  }
}

const isAbout = (event: OrganisationEvent, contactId: string) =>
  event.type === 'ContactAdded'
    ? event.data.contact.id === contactId
    : 'contactId' in event.data && event.data.contactId === contactId;
