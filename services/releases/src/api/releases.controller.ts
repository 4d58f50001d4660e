import { CommandOperation, QueryOperation, CommandResultDto, pageSchema } from '@helpdesk/platform';
import { RELEASE_ENTRY_SCHEMA, RELEASE_SCHEMA } from './release.schemas';
import {
  CommandRequest,
  CreatedAt,
  CurrentPrincipal,
  RevisionAsEtag,
  type Principal,
} from '@helpdesk/platform';
import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { ReleaseCommandResult } from '../application/execute-release-command';
import { GetReleaseQuery, ListReleasesQuery, ReleaseNotesQuery } from '../application/release-queries';
import { ScheduleTicketFixCommand } from '../application/schedule-ticket-fix';
import {
  CancelReleaseDto,
  ListReleasesDto,
  PlanReleaseDto,
  PostponeReleaseDto,
  ScheduleReleaseFixDto,
  UnscheduleReleaseFixDto,
} from './releases.dto';
import { runReleaseCommand } from './run-release-command';

/** Releases: everyone signed in reads them (customers see their own tickets' fixes); agents change them. */
@ApiTags('releases')
@Controller('releases')
export class ReleasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @CommandOperation({
    summary: 'Plan a release by hand (agents); the two-weekly trains are planned automatically',
    scope: 'releases:write',
    response: CommandResultDto,
    creates: true,
  })
  @CreatedAt((result: ReleaseCommandResult) => `/releases/${result.id}`)
  plan(@Body() body: PlanReleaseDto, @CommandRequest() request: CommandRequest) {
    const releaseId = randomUUID();
    return runReleaseCommand(this.commands, releaseId, request, 'PlanRelease', { releaseId, ...body });
  }

  @Get()
  @QueryOperation({
    summary: 'Releases by planned date, earliest first: filter by state and date range',
    scope: 'releases:read',
    response: pageSchema(RELEASE_ENTRY_SCHEMA),
  })
  list(@Query() query: ListReleasesDto, @CurrentPrincipal() principal: Principal) {
    const { limit = 25, ...filters } = query;
    return this.queries.execute(new ListReleasesQuery(principal, { ...filters, limit }));
  }

  @Get(':id')
  @QueryOperation({
    ids: { id: 'release' },
    summary: "A release and the fixes it carries (customers: their organisation's by name)",
    scope: 'releases:read',
    response: RELEASE_SCHEMA,
  })
  @RevisionAsEtag()
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetReleaseQuery(id, principal));
  }

  @Get(':id/notes')
  @Header('Content-Type', 'text/markdown; charset=utf-8')
  @QueryOperation({
    ids: { id: 'release' },
    summary:
      "Release notes in Markdown, grouped by kind (customers: their organisation's tickets named, the others counted)",
    scope: 'releases:read',
    response: { type: 'string' },
    produces: 'text/markdown',
  })
  notes(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<string> {
    return this.queries.execute(new ReleaseNotesQuery(id, principal));
  }

  @Post(':id/fixes')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'release' },
    summary: "Schedule a ticket's fix into the release (agents); the ticket moves to fix scheduled",
    scope: 'releases:write',
    response: CommandResultDto,
  })
  async scheduleFix(
    @Param('id') id: string,
    @Body() body: ScheduleReleaseFixDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.commands.execute<ScheduleTicketFixCommand, ReleaseCommandResult>(
      new ScheduleTicketFixCommand(
        id,
        body.ticketId,
        request.principal,
        request.context,
        request.expectedRevision,
      ),
    );
  }

  @Delete(':id/fixes/:ticketId')
  @CommandOperation({
    ids: { id: 'release', ticketId: 'uuid4' },
    summary: "Take a ticket's fix out of the release (agents), also while frozen",
    scope: 'releases:write',
    response: CommandResultDto,
  })
  unscheduleFix(
    @Param('id') id: string,
    @Param('ticketId') ticketId: string,
    @Body() body: UnscheduleReleaseFixDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return runReleaseCommand(this.commands, id, request, 'UnscheduleFix', {
      ticketId,
      reason: body?.reason ?? 'Taken out of the release.',
    });
  }

  @Post(':id/freeze')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'release' },
    summary: 'Freeze the release for testing (agents): no new fixes',
    scope: 'releases:write',
    response: CommandResultDto,
  })
  freeze(@Param('id') id: string, @CommandRequest() request: CommandRequest) {
    return runReleaseCommand(this.commands, id, request, 'FreezeRelease', {});
  }

  @Post(':id/ship')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'release' },
    summary: 'Ship the frozen release (agents): every carried ticket gets fix released',
    scope: 'releases:write',
    response: CommandResultDto,
  })
  ship(@Param('id') id: string, @CommandRequest() request: CommandRequest) {
    return runReleaseCommand(this.commands, id, request, 'ShipRelease', {});
  }

  @Post(':id/postpone')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'release' },
    summary: 'Move the release to a later day (agents); its tickets learn the new date',
    scope: 'releases:write',
    response: CommandResultDto,
  })
  postpone(
    @Param('id') id: string,
    @Body() body: PostponeReleaseDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return runReleaseCommand(this.commands, id, request, 'PostponeRelease', body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'release' },
    summary: 'Cancel the release (agents): its fixes are unscheduled again',
    scope: 'releases:write',
    response: CommandResultDto,
  })
  cancel(@Param('id') id: string, @Body() body: CancelReleaseDto, @CommandRequest() request: CommandRequest) {
    return runReleaseCommand(this.commands, id, request, 'CancelRelease', body);
  }
}
