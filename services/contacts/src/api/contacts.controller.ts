import { CommandOperation, QueryOperation, CommandResultDto } from '@helpdesk/platform';
import { CommandRequest, CurrentPrincipal, RevisionAsEtag, type Principal } from '@helpdesk/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CONTACT_VIEW_SCHEMA } from './organisation.schemas';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { GetContactQuery, GetContactQueryHandler } from '../application/organisation-queries';
import type { OrganisationCommand } from '../domain';
import { ContactErasure } from '../application/contact-erasure';
import { ExportPersonalDataQuery } from '../application/personal-data-export';
import { ChangeContactDto, EraseContactDto, RevokeAuthorisationDto } from './contacts.dto';
import { PERSONAL_DATA_EXPORT_SCHEMA } from './personal-data.schemas';
import { runOrganisationCommand } from '../application/run-organisation-command';

type ContactCommand = Extract<OrganisationCommand, { data: { contactId: string } }>;

/** A contact by its own id; its organisation is looked up, and scoping is that organisation's. */
@ApiTags('contacts')
@Controller('contacts')
export class ContactsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contacts: GetContactQueryHandler,
    private readonly erasure: ContactErasure,
  ) {}

  @Get(':id')
  @QueryOperation({
    ids: { id: 'uuid4' },
    summary: 'A contact (employees: only themselves)',
    scope: 'contacts:read',
    response: CONTACT_VIEW_SCHEMA,
  })
  // The organisation's revision: what a change of this contact sends back as If-Match.
  @RevisionAsEtag()
  async get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    const { contact, revision } = await this.queries.execute(new GetContactQuery(id, principal));
    return { ...contact, revision };
  }

  @Patch(':id')
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: "Change a contact's details or role (its organisation's administrators or agents)",
    scope: 'contacts:write',
    response: CommandResultDto,
  })
  async change(
    @Param('id') id: string,
    @Body() body: ChangeContactDto,
    @CommandRequest() request: CommandRequest,
  ) {
    const { role, ...changes } = body;
    let result = await this.run(id, request, 'ChangeContactDetails', { contactId: id, changes });
    if (role) result = await this.run(id, request, 'ChangeContactRole', { contactId: id, role });
    return result;
  }

  @Post(':id/authorisation')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Authorise the contact for support: tickets may be filed for them',
    scope: 'contacts:write',
    response: CommandResultDto,
  })
  authorise(@Param('id') id: string, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'AuthoriseContact', { contactId: id });
  }

  @Delete(':id/authorisation')
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Revoke the authorisation: no new tickets for them',
    scope: 'contacts:write',
    response: CommandResultDto,
  })
  revoke(
    @Param('id') id: string,
    @Body() body: RevokeAuthorisationDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.run(id, request, 'RevokeAuthorisation', {
      contactId: id,
      reason: body?.reason ?? 'revoked',
    });
  }

  @Post(':id/deactivation')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Deactivate the contact (they left); their authorisation goes with it',
    scope: 'contacts:write',
    response: CommandResultDto,
  })
  deactivate(@Param('id') id: string, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'DeactivateContact', { contactId: id });
  }

  @Post(':id/reactivation')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Reactivate a former contact (not yet authorised)',
    scope: 'contacts:write',
    response: CommandResultDto,
  })
  reactivate(@Param('id') id: string, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'ReactivateContact', { contactId: id });
  }

  @Post(':id/erasure')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary:
      'Erase the contact on request (GDPR): their key is deleted, so their name, e-mail and phone can be read nowhere any more; their tickets stay with the organisation (its administrators or agents; repeating it changes nothing)',
    scope: 'contacts:write',
    response: CommandResultDto,
  })
  async erase(
    @Param('id') id: string,
    @Body() body: EraseContactDto,
    @CommandRequest() request: CommandRequest,
  ) {
    const organisationId = await this.contacts.organisationOf(id);
    const result = await this.erasure.erase(organisationId, id, body.reason, request);
    return { id, organisationId, revision: result.revision, events: result.events };
  }

  @Get(':id/personal-data')
  @QueryOperation({
    ids: { id: 'uuid4' },
    summary:
      'Everything the desk holds about the person (GDPR export): for the person, their administrators and agents',
    scope: 'contacts:read',
    response: PERSONAL_DATA_EXPORT_SCHEMA,
  })
  exportPersonalData(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ExportPersonalDataQuery(id, principal));
  }

  private async run<T extends ContactCommand['type']>(
    contactId: string,
    request: CommandRequest,
    type: T,
    data: Extract<ContactCommand, { type: T }>['data'],
  ) {
    // A contact of another organisation does not exist for the caller: the organisation's decider says so.
    const organisationId = await this.contacts.organisationOf(contactId);
    const result = await runOrganisationCommand(this.commands, organisationId, request, type, data as never);
    return { id: contactId, organisationId, revision: result.revision, events: result.events };
  }
}
