import { CurrentPrincipal, type Principal } from '@helpdesk/platform';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotificationQueries } from '../application/notification-queries';
import { ListNotificationsDto } from './notifications.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly queries: NotificationQueries) {}

  @Get()
  @ApiOperation({
    summary:
      'The delivery log, newest first: status, attempts, possibly repeated (agents: all; administrators: their organisation; others: their own)',
  })
  list(@Query() query: ListNotificationsDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.list(principal, {
      ticket: query.ticket,
      recipient: query.recipient,
      cursor: query.cursor,
      limit: query.limit ?? 25,
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One message as it was rendered (text and HTML), with every delivery attempt' })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.get(principal, id);
  }
}
