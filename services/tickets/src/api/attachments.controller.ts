import { CommandOperation, QueryOperation, CommandResultDto } from '@helpdesk/platform';
import { CurrentPrincipal, type Principal, readUploadedFile } from '@helpdesk/platform';
import {
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
  StreamableFile,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ATTACHMENT_CONTENT, type AttachmentContentStore } from '../adapters/attachment-content.store';
import { ExecuteTicketCommand, type TicketCommandResult } from '../application/execute-ticket-command';
import { GetTicketQuery } from '../application/ticket-queries';
import { MAX_ATTACHMENT_BYTES } from '../domain';
import type { TicketView } from '../projections/ticket-view';
import { CommandRequest } from '@helpdesk/platform';

@ApiTags('tickets')
@Controller('tickets/:id/attachments')
export class AttachmentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(ATTACHMENT_CONTENT) private readonly content: AttachmentContentStore,
  ) {}

  @Post()
  @HttpCode(201)
  @CommandOperation({
    ids: { id: 'uuid4' },
    summary: `Attach a file (multipart field "file", at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB)`,
    scope: 'tickets:write',
    status: 201,
    response: CommandResultDto,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
      additionalProperties: false,
    },
  })
  async attach(
    @Param('id') id: string,
    @Req() upload: FastifyRequest,
    @CommandRequest() request: CommandRequest,
  ) {
    const { principal } = request;
    // One byte over the limit lets the decider say what the limit is; more is cut off at 413.
    const file = await readUploadedFile(upload, 'file', MAX_ATTACHMENT_BYTES + 1);
    // Read access first: nobody stores bytes on a ticket they cannot see.
    await this.queries.execute(new GetTicketQuery(id, principal));
    const attachmentId = randomUUID();
    const sha256 = await this.content.put(file.bytes);
    const command = {
      type: 'AddAttachment' as const,
      actor: principal,
      at: new Date().toISOString(),
      data: {
        attachmentId,
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.size,
        sha256,
      },
    };
    const result: TicketCommandResult = await this.commands.execute(
      new ExecuteTicketCommand(id, command, request.context, request.expectedRevision),
    );
    return { ...result, attachmentId, sha256 };
  }

  @Get(':attachmentId')
  @QueryOperation({
    ids: { id: 'uuid4', attachmentId: 'uuid4' },
    summary: 'Download an attachment',
    scope: 'tickets:read',
    response: { type: 'string', format: 'binary' },
    produces: 'application/octet-stream',
  })
  async download(
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    const ticket: TicketView = await this.queries.execute(new GetTicketQuery(id, principal));
    const attachment = ticket.attachments.find((a) => a.id === attachmentId);
    const bytes = attachment && (await this.content.get(attachment.sha256));
    if (!attachment || !bytes) throw new NotFoundException('There is no such attachment on this ticket.');
    return new StreamableFile(bytes, {
      type: attachment.contentType,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
    });
  }
}
