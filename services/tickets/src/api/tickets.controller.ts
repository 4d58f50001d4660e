import { CommandOperation, QueryOperation, CommandResultDto, arrayOf, pageSchema } from '@helpdesk/platform';
import {
  CommandRequest,
  CreatedAt,
  CurrentPrincipal,
  RevisionAsEtag,
  type Principal,
  sendRequestedCommand,
} from '@helpdesk/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  ExecuteTicketCommand,
  RegisterTicketCommand,
  type TicketRequest,
  type TicketCommandResult,
} from '../application/execute-ticket-command';
import { GetTicketQuery, ListTicketsQuery, TicketHistoryQuery } from '../application/ticket-queries';
import type { RegisterTicket } from '../domain';
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
import { InvalidInputException, RefusedInputError } from '@helpdesk/platform';
import { randomUUID } from 'node:crypto';
import { HISTORY_ENTRY_SCHEMA, TICKET_SCHEMA, TICKET_SUMMARY_SCHEMA } from './ticket.schemas';

type Body<T extends TicketRequest['type']> = Extract<TicketRequest, { type: T }>['data'];

@ApiTags('tickets')
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @CommandOperation({
    summary:
      'File a ticket (customers for themselves or, as administrator, for a colleague; agents for anyone)',
    scope: 'tickets:write',
    response: CommandResultDto,
    creates: true,
  })
  @CreatedAt((result: TicketCommandResult) => `/tickets/${result.id}`)
  async register(@Body() body: RegisterTicketDto, @CommandRequest() request: CommandRequest) {
    const { principal } = request;
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
    // Who files decides what is required, which no schema of the body can say: 422, not 400.
    if (missing.length) throw new RefusedInputError(missing);
    const data: Omit<RegisterTicket['data'], 'ticketId' | 'number' | 'organisation'> = {
      kind: body.kind,
      channel: body.channel ?? (principal.role === 'system' ? 'api' : 'portal'),
      subject: body.subject,
      description: body.description,
      details: { ...body.details },
      organisationId: organisationId!,
      reporterId: reporterId!,
    };
    return this.commands.execute<RegisterTicketCommand, TicketCommandResult>(
      new RegisterTicketCommand(data, principal, request.context),
    );
  }

  @Get()
  @QueryOperation({
    summary:
      'Find tickets: filters, free text, sorting, cursor pagination (scoped to what the caller may see)',
    scope: 'tickets:read',
    response: pageSchema(TICKET_SUMMARY_SCHEMA),
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
  @QueryOperation({
    ids: { id: 'uuid4' },
    summary: 'A ticket, or with ?asOf=<ISO time> the ticket as it was then',
    scope: 'tickets:read',
    response: TICKET_SCHEMA,
  })
  @RevisionAsEtag()
  get(@Param('id') id: string, @Query() query: TicketAsOfDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(
      new GetTicketQuery(id, principal, query.asOf ? new Date(query.asOf) : undefined),
    );
  }

  @Get(':id/history')
  @QueryOperation({
    ids: { id: 'uuid4' },
    summary: 'Every change of the ticket: what, who, when',
    scope: 'tickets:read',
    response: arrayOf(HISTORY_ENTRY_SCHEMA),
  })
  history(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new TicketHistoryQuery(id, principal));
  }

  @Post(':id/triage')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents: give a new ticket its priority',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  triage(@Param('id') id: string, @Body() body: TriageDto, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'TriageTicket', body);
  }

  @Post(':id/priority')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents: change the priority, with a reason',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  changePriority(
    @Param('id') id: string,
    @Body() body: ChangePriorityDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.run(id, request, 'ChangePriority', body);
  }

  @Post(':id/reassessment')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Reporter or administrator: ask for the priority to be reassessed',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  requestReassessment(
    @Param('id') id: string,
    @Body() body: RequestReassessmentDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.run(id, request, 'RequestReassessment', body);
  }

  @Post(':id/reassessment/decision')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents: accept or decline a reassessment',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  decideReassessment(
    @Param('id') id: string,
    @Body() body: DecideReassessmentDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.run(id, request, 'DecideReassessment', body);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents: assign to a specialist and optionally a team',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  assign(@Param('id') id: string, @Body() body: AssignDto, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'AssignTicket', body);
  }

  @Post(':id/comments')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Comment: public (the customer sees it) or internal (agents only)',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  comment(@Param('id') id: string, @Body() body: CommentDto, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'AddComment', { ...body, commentId: randomUUID() });
  }

  @Post(':id/participants')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Add someone who receives all communication of the ticket',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  addParticipant(
    @Param('id') id: string,
    @Body() body: ParticipantDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.run(id, request, 'AddParticipant', { participant: participantFrom(body) });
  }

  @Delete(':id/participants/:participant')
  @CommandOperation({
    ids: { id: 'uuid4', participant: 'contactOrEmail' },
    summary: 'Remove a participant (a contact id or an e-mail address)',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  removeParticipant(
    @Param('id') id: string,
    @Param('participant') participant: string,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.run(id, request, 'RemoveParticipant', {
      participant: participant.includes('@') ? { email: participant } : { contactId: participant },
    });
  }

  @Post(':id/start')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents: start work',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  start(@Param('id') id: string, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'StartWork', {});
  }

  @Post(':id/waiting-for-customer')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents: ask the customer (pauses the resolution clock)',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  waitForCustomer(
    @Param('id') id: string,
    @Body() body: QuestionDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.run(id, request, 'WaitForCustomer', body);
  }

  @Post(':id/customer-reply')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents: record a reply that came by phone (a customer comment counts by itself)',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  customerReply(@Param('id') id: string, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'RecordCustomerReply', {});
  }

  @Post(':id/waiting-for-third-party')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents: wait for a third party',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  waitForThirdParty(
    @Param('id') id: string,
    @Body() body: ThirdPartyDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.run(id, request, 'WaitForThirdParty', body);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents: resume after a third party answered',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  resume(@Param('id') id: string, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'ResumeWork', {});
  }

  @Post(':id/workaround')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents: record a workaround (P1/P2: service restored, fix pending)',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  workaround(
    @Param('id') id: string,
    @Body() body: WorkaroundDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.run(id, request, 'ProvideWorkaround', body);
  }

  @Post(':id/fix')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents or the release process: schedule the fix into a release',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  scheduleFix(
    @Param('id') id: string,
    @Body() body: ScheduleFixDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.run(id, request, 'ScheduleFix', body);
  }

  @Post(':id/fix/unschedule')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents or the release process: take the fix out of its release',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  unscheduleFix(
    @Param('id') id: string,
    @Body() body: UnscheduleFixDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.run(id, request, 'UnscheduleFix', body);
  }

  @Post(':id/fix/release')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'The release process: the fix shipped; the ticket is resolved',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  releaseFix(
    @Param('id') id: string,
    @Body() body: ReleaseFixDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.run(id, request, 'ReleaseFix', body);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents: resolve with a resolution',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  resolve(@Param('id') id: string, @Body() body: ResolveDto, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'ResolveTicket', body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Reporter, administrator or agent: confirm the solution and close',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  close(@Param('id') id: string, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'CloseTicket', { reason: 'confirmed' });
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Reopen a resolved or closed ticket, with a reason',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  reopen(@Param('id') id: string, @Body() body: ReasonDto, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'ReopenTicket', body);
  }

  @Post(':id/wish/accept')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents: accept a wish into the backlog',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  acceptWish(@Param('id') id: string, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'AcceptWish', {});
  }

  @Post(':id/wish/decline')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'Agents: decline a wish, with a reason',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  declineWish(@Param('id') id: string, @Body() body: ReasonDto, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'DeclineWish', body);
  }

  @Post(':id/remote-session-consent')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'The customer allows an agent to look along remotely',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  giveConsent(@Param('id') id: string, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'GiveRemoteSessionConsent', {});
  }

  @Delete('/:id/remote-session-consent')
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: 'The customer withdraws that consent',
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  withdrawConsent(@Param('id') id: string, @CommandRequest() request: CommandRequest) {
    return this.run(id, request, 'WithdrawRemoteSessionConsent', {});
  }

  @Post(':id/comments/:commentId/redaction')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4', commentId: 'uuid4' },
    summary:
      "Agents: redact a comment holding personal data, with a reason: its text key is deleted, it reads '[redacted]'",
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  redactComment(
    @Param('id') id: string,
    @Param('commentId') commentId: string,
    @Body() body: ReasonDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.run(id, request, 'RedactText', { text: { comment: commentId }, reason: body.reason });
  }

  @Post(':id/description/redaction')
  @HttpCode(200)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary:
      "Agents: redact the description holding personal data, with a reason: its text key is deleted, it reads '[redacted]'",
    scope: 'tickets:write',
    response: CommandResultDto,
  })
  redactDescription(
    @Param('id') id: string,
    @Body() body: ReasonDto,
    @CommandRequest() request: CommandRequest,
  ) {
    return this.run(id, request, 'RedactText', { text: 'description', reason: body.reason });
  }

  private async run<T extends TicketRequest['type']>(
    id: string,
    request: CommandRequest,
    type: T,
    data: Body<T>,
  ): Promise<TicketCommandResult> {
    return sendRequestedCommand(
      this.commands,
      request,
      { type, data },
      (command, context, expectedRevision) =>
        new ExecuteTicketCommand(id, command as TicketRequest, context, expectedRevision),
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
