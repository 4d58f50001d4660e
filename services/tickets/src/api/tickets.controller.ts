import {
  commandContext,
  CurrentPrincipal,
  etag,
  type Principal,
  sendRequestedCommand,
} from '@helpdesk/platform';
import { CreatesAggregate } from '@helpdesk/platform';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ExecuteTicketCommand,
  RegisterTicketCommand,
  type TicketCommandResult,
} from '../application/execute-ticket-command';
import { GetTicketQuery, ListTicketsQuery, TicketHistoryQuery } from '../application/ticket-queries';
import type { RegisterTicket, TicketCommand } from '../domain';
import {
  AssignDto,
  ChangePriorityDto,
  CommentDto,
  DecideReassessmentDto,
  ListTicketsDto,
  ParticipantDto,
  QuestionDto,
  ReasonDto,
  RegisterTicketDto,
  ReleaseFixDto,
  RequestReassessmentDto,
  ResolveDto,
  ScheduleFixDto,
  ThirdPartyDto,
  TicketAsOfDto,
  TriageDto,
  UnscheduleFixDto,
  WorkaroundDto,
} from './ticket.dto';
import { InvalidInputException } from '@helpdesk/platform';
import { randomUUID } from 'node:crypto';

type Body<T extends TicketCommand['type']> = Extract<TicketCommand, { type: T }>['data'];
const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('tickets')
@ApiBearerAuth()
@ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'The ETag (revision) you saw: a stale write answers 409',
})
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @CreatesAggregate()
  @ApiOperation({
    summary:
      'File a ticket (customers for themselves or, as administrator, for a colleague; agents for anyone)',
  })
  async register(
    @Body() body: RegisterTicketDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const customer = principal.role === 'customer_admin' || principal.role === 'customer_employee';
    const organisationId = body.organisationId ?? (customer ? principal.organisationId : undefined);
    const reporterId = body.reporterId ?? (customer ? principal.id : undefined);
    const missing = [
      ...(organisationId
        ? []
        : [
            {
              field: 'organisationId',
              reason: 'organisationId is required when an agent or system files a ticket',
            },
          ]),
      ...(reporterId
        ? []
        : [{ field: 'reporterId', reason: 'reporterId is required when an agent or system files a ticket' }]),
    ];
    if (missing.length) throw new InvalidInputException(missing);
    const data: Omit<RegisterTicket['data'], 'ticketId' | 'number' | 'organisation'> = {
      kind: body.kind,
      channel: body.channel ?? (principal.role === 'system' ? 'api' : 'portal'),
      subject: body.subject,
      description: body.description,
      details: { ...body.details },
      organisationId: organisationId!,
      reporterId: reporterId!,
    };
    const result: TicketCommandResult = await this.commands.execute(
      new RegisterTicketCommand(data, principal, commandContext(req, principal)),
    );
    res.status(201).setHeader('Location', `/tickets/${result.id}`).setHeader('ETag', etag(result.revision));
    return result;
  }

  @Get()
  @ApiOperation({
    summary:
      'Find tickets: filters, free text, sorting, cursor pagination (scoped to what the caller may see)',
  })
  list(@Query() query: ListTicketsDto, @CurrentPrincipal() principal: Principal) {
    const sort = query.sort ?? '-updatedAt';
    const field = sort.replace(/^-/, '');
    return this.queries.execute(
      new ListTicketsQuery(principal, {
        ...query,
        sort: {
          field: field === 'priority' ? 'priorityRank' : (field as 'updatedAt'),
          direction: sort.startsWith('-') ? 'desc' : 'asc',
        },
        limit: query.limit ?? 25,
      }),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'A ticket, or with ?asOf=<ISO time> the ticket as it was then' })
  async get(
    @Param('id', uuid) id: string,
    @Query() query: TicketAsOfDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.queries.execute(
      new GetTicketQuery(id, principal, query.asOf ? new Date(query.asOf) : undefined),
    );
    res.setHeader('ETag', etag(view.revision));
    return view;
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every change of the ticket: what, who, when' })
  history(@Param('id', uuid) id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new TicketHistoryQuery(id, principal));
  }

  @Post(':id/triage')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents: give a new ticket its priority' })
  triage(
    @Param('id', uuid) id: string,
    @Body() body: TriageDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'TriageTicket', body);
  }

  @Post(':id/priority')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents: change the priority, with a reason' })
  changePriority(
    @Param('id', uuid) id: string,
    @Body() body: ChangePriorityDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'ChangePriority', body);
  }

  @Post(':id/reassessment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reporter or administrator: ask for the priority to be reassessed' })
  requestReassessment(
    @Param('id', uuid) id: string,
    @Body() body: RequestReassessmentDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'RequestReassessment', body);
  }

  @Post(':id/reassessment/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents: accept or decline a reassessment' })
  decideReassessment(
    @Param('id', uuid) id: string,
    @Body() body: DecideReassessmentDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'DecideReassessment', body);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents: assign to a specialist and optionally a team' })
  assign(
    @Param('id', uuid) id: string,
    @Body() body: AssignDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'AssignTicket', body);
  }

  @Post(':id/comments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Comment: public (the customer sees it) or internal (agents only)' })
  comment(
    @Param('id', uuid) id: string,
    @Body() body: CommentDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'AddComment', { ...body, commentId: randomUUID() });
  }

  @Post(':id/participants')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add someone who receives all communication of the ticket' })
  addParticipant(
    @Param('id', uuid) id: string,
    @Body() body: ParticipantDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'AddParticipant', { participant: participantFrom(body) });
  }

  @Delete(':id/participants/:participant')
  @ApiOperation({ summary: 'Remove a participant (a contact id or an e-mail address)' })
  removeParticipant(
    @Param('id', uuid) id: string,
    @Param('participant') participant: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'RemoveParticipant', {
      participant: participant.includes('@') ? { email: participant } : { contactId: participant },
    });
  }

  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents: start work' })
  start(@Param('id', uuid) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, req, res, 'StartWork', {});
  }

  @Post(':id/waiting-for-customer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents: ask the customer (pauses the resolution clock)' })
  waitForCustomer(
    @Param('id', uuid) id: string,
    @Body() body: QuestionDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'WaitForCustomer', body);
  }

  @Post(':id/customer-reply')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Agents: record a reply that came by phone (a customer comment counts by itself)',
  })
  customerReply(
    @Param('id', uuid) id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'RecordCustomerReply', {});
  }

  @Post(':id/waiting-for-third-party')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents: wait for a third party' })
  waitForThirdParty(
    @Param('id', uuid) id: string,
    @Body() body: ThirdPartyDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'WaitForThirdParty', body);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents: resume after a third party answered' })
  resume(@Param('id', uuid) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, req, res, 'ResumeWork', {});
  }

  @Post(':id/workaround')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents: record a workaround (P1/P2: service restored, fix pending)' })
  workaround(
    @Param('id', uuid) id: string,
    @Body() body: WorkaroundDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'ProvideWorkaround', body);
  }

  @Post(':id/fix')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents or the release process: schedule the fix into a release' })
  scheduleFix(
    @Param('id', uuid) id: string,
    @Body() body: ScheduleFixDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'ScheduleFix', body);
  }

  @Post(':id/fix/unschedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents or the release process: take the fix out of its release' })
  unscheduleFix(
    @Param('id', uuid) id: string,
    @Body() body: UnscheduleFixDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'UnscheduleFix', body);
  }

  @Post(':id/fix/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'The release process: the fix shipped; the ticket is resolved' })
  releaseFix(
    @Param('id', uuid) id: string,
    @Body() body: ReleaseFixDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'ReleaseFix', body);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents: resolve with a resolution' })
  resolve(
    @Param('id', uuid) id: string,
    @Body() body: ResolveDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'ResolveTicket', body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reporter, administrator or agent: confirm the solution and close' })
  close(@Param('id', uuid) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, req, res, 'CloseTicket', { reason: 'confirmed' });
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a resolved or closed ticket, with a reason' })
  reopen(
    @Param('id', uuid) id: string,
    @Body() body: ReasonDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'ReopenTicket', body);
  }

  @Post(':id/wish/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents: accept a wish into the backlog' })
  acceptWish(@Param('id', uuid) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, req, res, 'AcceptWish', {});
  }

  @Post(':id/wish/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agents: decline a wish, with a reason' })
  declineWish(
    @Param('id', uuid) id: string,
    @Body() body: ReasonDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'DeclineWish', body);
  }

  @Post(':id/remote-session-consent')
  @HttpCode(200)
  @ApiOperation({ summary: 'The customer allows an agent to look along remotely' })
  giveConsent(@Param('id', uuid) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.run(id, req, res, 'GiveRemoteSessionConsent', {});
  }

  @Delete('/:id/remote-session-consent')
  @ApiOperation({ summary: 'The customer withdraws that consent' })
  withdrawConsent(
    @Param('id', uuid) id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, 'WithdrawRemoteSessionConsent', {});
  }

  private async run<T extends Exclude<TicketCommand['type'], 'RegisterTicket'>>(
    id: string,
    req: Request,
    res: Response,
    type: T,
    data: Body<T>,
  ): Promise<TicketCommandResult> {
    return sendRequestedCommand(
      this.commands,
      req,
      res,
      { type, data },
      (command, context, expectedRevision) =>
        new ExecuteTicketCommand(
          id,
          command as Exclude<TicketCommand, RegisterTicket>,
          context,
          expectedRevision,
        ),
    );
  }
}

const participantFrom = (body: ParticipantDto) => {
  if (Boolean(body.contactId) === Boolean(body.email)) {
    throw new InvalidInputException([
      { field: 'contactId', reason: 'give either contactId or email, not both or neither' },
    ]);
  }
  return body.contactId ? { contactId: body.contactId } : { email: body.email! };
};
