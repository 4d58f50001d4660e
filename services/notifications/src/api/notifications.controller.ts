import { QueryOperation, pageSchema } from '@helpdesk/platform';
import { NOTIFICATION_ENTRY_SCHEMA, NOTIFICATION_SCHEMA } from './notification.schemas';
import { CurrentPrincipal, type Principal } from '@helpdesk/platform';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NotificationQueries } from '../application/notification-queries';
import { ListNotificationsDto } from './notifications.dto';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly queries: NotificationQueries) {}

  @Get()
  @QueryOperation({
    summary:
      'The delivery log, newest first: status, attempts, possibly repeated (agents: all; administrators: their organisation; others: their own)',
    scope: 'notifications:read',
    response: pageSchema(NOTIFICATION_ENTRY_SCHEMA),
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
  @QueryOperation({
    ids: { id: 'hex32' },
    summary: 'One message as it was rendered (text and HTML), with every delivery attempt',
    scope: 'notifications:read',
    response: NOTIFICATION_SCHEMA,
  })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.get(principal, id);
  }
}
