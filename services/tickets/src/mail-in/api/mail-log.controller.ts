import { MAIL_DECISIONS, type MailDecision } from '@helpdesk/contracts';
import { CommandOperation, QueryOperation, Roles } from '@helpdesk/platform';
import {
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { ATTACHMENT_CONTENT, type AttachmentContentStore } from '../../adapters/attachment-content.store';
import { MailLog } from '../application/mail-log.read-model';
import { MailReceiver } from '../application/mail-receiver';
import { MAIL_LOG_SCHEMA, REPROCESSED_SCHEMA } from './mail-log.schemas';

export class ListInboundMailDto {
  @ApiPropertyOptional({ description: 'only mail filed under (or naming) this ticket' })
  @IsOptional()
  @IsUUID()
  ticket?: string;

  @ApiPropertyOptional({ enum: MAIL_DECISIONS })
  @IsOptional()
  @IsIn(MAIL_DECISIONS)
  decision?: MailDecision;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
@ApiTags('mail')
@Controller('mail/inbound')
@Roles('agent')
export class MailLogController {
  constructor(
    private readonly log: MailLog,
    private readonly receiver: MailReceiver,
    @Inject(ATTACHMENT_CONTENT) private readonly content: AttachmentContentStore,
  ) {}

  @Get()
  @QueryOperation({
    summary: 'The mail log: received mails, newest first, and what became of each (agents)',
    scope: 'tickets:read',
    response: MAIL_LOG_SCHEMA,
  })
  async list(@Query() query: ListInboundMailDto) {
    await this.log.includeCommittedWrites();
    const where: Record<string, string> = {};
    if (query.ticket) where.ticketId = query.ticket;
    if (query.decision) where.decision = query.decision;
    const items = await this.log.views.find({
      where,
      sort: { field: 'at', direction: 'desc' },
      limit: query.limit ?? 50,
    });
    return { items: items.map(({ revision: _revision, ...entry }) => entry) };
  }

  @Post(':mailId/reprocess')
  @HttpCode(200)
  // Nothing to match an If-Match against: the mail may become a ticket that does not exist yet.
  @CommandOperation({
    ids: { mailId: 'hex32' },
    summary: 'Decide a refused mail again, e.g. after its sender was authorised (agents)',
    scope: 'tickets:write',
    creates: true,
    status: 200,
    response: REPROCESSED_SCHEMA,
  })
  async reprocess(@Param('mailId') mailId: string) {
    const entry = await this.log.views.get(mailId);
    if (!entry) throw new NotFoundException('There is no such mail in the log.');
    // Decided from the mail's own stream, so a second request right after the first is refused too.
    const decision = (await this.receiver.lastRecordOf(mailId))?.decision ?? entry.decision;
    if (decision !== 'refused')
      throw new ConflictException(
        `This mail was ${decision.replace('_', ' ')}; only a refused mail is decided again.`,
      );
    const raw = await this.content.get(entry.originalId);
    if (!raw) throw new NotFoundException('The original of this mail is no longer stored.');
    return this.receiver.receive(raw, entry.via, { again: true });
  }
}
