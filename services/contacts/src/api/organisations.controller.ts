import { CommandOperation, QueryOperation, CommandResultDto, arrayOf, pageSchema } from '@helpdesk/platform';
import {
  CommandRequest,
  CreatedAt,
  CurrentPrincipal,
  RevisionAsEtag,
  type Principal,
} from '@helpdesk/platform';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CONTACT_SCHEMA, ORGANISATION_SCHEMA } from './organisation.schemas';
import { randomUUID } from 'node:crypto';
import {
  GetOrganisationQuery,
  ListContactsQuery,
  ListOrganisationsQuery,
} from '../application/organisation-queries';
import {
  AddContactDto,
  ChangeOrganisationDto,
  ListOrganisationsDto,
  RegisterOrganisationDto,
} from './contacts.dto';
import { runOrganisationCommand } from '../application/run-organisation-command';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @CommandOperation({
    summary: 'Register a customer organisation with its first administrator (agents)',
    scope: 'contacts:write',
    response: CommandResultDto,
    creates: true,
  })
  @CreatedAt((result: { id: string }) => `/organisations/${result.id}`)
  async register(@Body() body: RegisterOrganisationDto, @CommandRequest() request: CommandRequest) {
    const organisationId = randomUUID();
    const administratorId = randomUUID();
    const { administrator, ...details } = body;
    const result = await runOrganisationCommand(
      this.commands,
      organisationId,
      request,
      'RegisterOrganisation',
      {
        organisationId,
        name: details.name,
        timeZone: details.timeZone ?? 'Europe/Amsterdam',
        slaPolicy: details.slaPolicy,
        calendar: details.calendar ?? 'nl-office',
        ...(details.language ? { language: details.language } : {}),
        administrator: { contactId: administratorId, ...administrator },
      },
    );
    return { id: organisationId, administratorId, revision: result.revision, events: result.events };
  }

  @Get()
  @QueryOperation({
    summary: 'Organisations by name (customers: only their own)',
    scope: 'contacts:read',
    response: pageSchema(ORGANISATION_SCHEMA),
  })
  list(@Query() query: ListOrganisationsDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(
      new ListOrganisationsQuery(principal, {
        q: query.q,
        status: query.status,
        limit: query.limit ?? 25,
        cursor: query.cursor,
      }),
    );
  }

  @Get(':id')
  @QueryOperation({
    ids: { id: 'uuid4' },
    summary: 'An organisation (employees get a short summary: its name and whom to ask)',
    scope: 'contacts:read',
    response: ORGANISATION_SCHEMA,
  })
  // Employees get a summary without a revision, so no ETag: they change nothing of it.
  @RevisionAsEtag()
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetOrganisationQuery(id, principal));
  }

  @Patch(':id')
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary:
      'Change its details (its administrators or agents); its SLA policy, calendar and status are for agents only',
    scope: 'contacts:write',
    response: CommandResultDto,
  })
  async change(
    @Param('id') id: string,
    @Body() body: ChangeOrganisationDto,
    @CommandRequest() request: CommandRequest,
  ) {
    const { status, reason, ...changes } = body;
    let result = await runOrganisationCommand(this.commands, id, request, 'ChangeOrganisationDetails', {
      changes,
    });
    if (status === 'inactive')
      result = await runOrganisationCommand(this.commands, id, request, 'DeactivateOrganisation', {
        reason: reason ?? 'deactivated',
      });
    if (status === 'active')
      result = await runOrganisationCommand(this.commands, id, request, 'ReactivateOrganisation', {});
    return { id, revision: result.revision };
  }

  @Post(':id/contacts')
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Add a contact (its administrators or agents)',
    scope: 'contacts:write',
    response: CommandResultDto,
    status: 201,
  })
  @CreatedAt((result: { id: string }) => `/contacts/${result.id}`)
  async addContact(
    @Param('id') id: string,
    @Body() body: AddContactDto,
    @CommandRequest() request: CommandRequest,
  ) {
    const contactId = randomUUID();
    const { role, authorised, ...details } = body;
    const result = await runOrganisationCommand(this.commands, id, request, 'AddContact', {
      contactId,
      ...details,
      role: role ?? 'customer_employee',
      authorised: authorised ?? false,
    });
    return { id: contactId, organisationId: id, revision: result.revision };
  }

  @Get(':id/contacts')
  @QueryOperation({
    ids: { id: 'uuid4' },
    summary: 'Its contacts (its administrators or agents)',
    scope: 'contacts:read',
    response: arrayOf(CONTACT_SCHEMA),
  })
  contacts(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ListContactsQuery(id, principal));
  }
}
