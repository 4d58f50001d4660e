import {
  commandContext,
  CurrentPrincipal,
  etag,
  expectedRevisionFrom,
  type Principal,
} from '@helpdesk/platform';
import { CreatesAggregate } from '@helpdesk/platform';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { ReleaseCommandResult } from '../application/execute-release-command';
import { GetReleaseQuery, ListReleasesQuery, ReleaseNotesQuery } from '../application/release-queries';
import { ScheduleTicketFixCommand } from '../application/schedule-ticket-fix';
import {
  CancelReleaseDto,
  ListReleasesDto,
  PlanReleaseDto,
  PostponeReleaseDto,
  ScheduleFixDto,
  UnscheduleFixDto,
} from './releases.dto';
import { runReleaseCommand } from './run-release-command';

/** Releases: everyone signed in reads them (customers see their own tickets' fixes); agents change them. */
@ApiTags('releases')
@ApiBearerAuth()
@ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'The ETag (revision) you saw: a stale write answers 409',
})
@Controller('releases')
export class ReleasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @CreatesAggregate()
  @ApiOperation({
    summary: 'Plan a release by hand (agents); the two-weekly trains are planned automatically',
  })
  async plan(@Body() body: PlanReleaseDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const releaseId = randomUUID();
    const result = await runReleaseCommand(this.commands, releaseId, req, res, 'PlanRelease', {
      releaseId,
      ...body,
    });
    res.status(201).setHeader('Location', `/releases/${releaseId}`);
    return result;
  }

  @Get()
  @ApiOperation({ summary: 'Releases by planned date, earliest first: filter by state and date range' })
  list(@Query() query: ListReleasesDto, @CurrentPrincipal() principal: Principal) {
    const { limit = 25, ...filters } = query;
    return this.queries.execute(new ListReleasesQuery(principal, { ...filters, limit }));
  }

  @Get(':id')
  @ApiOperation({ summary: "A release and the fixes it carries (customers: their organisation's by name)" })
  async get(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.queries.execute(new GetReleaseQuery(id, principal));
    res.setHeader('ETag', etag(view.revision));
    return view;
  }

  @Get(':id/notes')
  @Header('Content-Type', 'text/markdown; charset=utf-8')
  @ApiProduces('text/markdown')
  @ApiOperation({
    summary:
      "Release notes in Markdown, grouped by kind (customers: their organisation's tickets named, the others counted)",
  })
  notes(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<string> {
    return this.queries.execute(new ReleaseNotesQuery(id, principal));
  }

  @Post(':id/fixes')
  @HttpCode(200)
  @ApiOperation({
    summary: "Schedule a ticket's fix into the release (agents); the ticket moves to fix scheduled",
  })
  async scheduleFix(
    @Param('id') id: string,
    @Body() body: ScheduleFixDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result: ReleaseCommandResult = await this.commands.execute(
      new ScheduleTicketFixCommand(
        id,
        body.ticketId,
        principal,
        commandContext(req, principal),
        expectedRevisionFrom(req),
      ),
    );
    res.setHeader('ETag', etag(result.revision));
    return result;
  }

  @Delete(':id/fixes/:ticketId')
  @ApiOperation({ summary: "Take a ticket's fix out of the release (agents), also while frozen" })
  unscheduleFix(
    @Param('id') id: string,
    @Param('ticketId') ticketId: string,
    @Body() body: UnscheduleFixDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return runReleaseCommand(this.commands, id, req, res, 'UnscheduleFix', {
      ticketId,
      reason: body?.reason ?? 'Taken out of the release.',
    });
  }

  @Post(':id/freeze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Freeze the release for testing (agents): no new fixes' })
  freeze(@Param('id') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return runReleaseCommand(this.commands, id, req, res, 'FreezeRelease', {});
  }

  @Post(':id/ship')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ship the frozen release (agents): every carried ticket gets fix released' })
  ship(@Param('id') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return runReleaseCommand(this.commands, id, req, res, 'ShipRelease', {});
  }

  @Post(':id/postpone')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the release to a later day (agents); its tickets learn the new date' })
  postpone(
    @Param('id') id: string,
    @Body() body: PostponeReleaseDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return runReleaseCommand(this.commands, id, req, res, 'PostponeRelease', body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel the release (agents): its fixes are unscheduled again' })
  cancel(
    @Param('id') id: string,
    @Body() body: CancelReleaseDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return runReleaseCommand(this.commands, id, req, res, 'CancelRelease', body);
  }
}
