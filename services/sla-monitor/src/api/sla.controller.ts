import { QueryOperation, pageSchema } from '@helpdesk/platform';
import { CurrentPrincipal, RefusedInputError, type Principal } from '@helpdesk/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  ComplianceReportQuery,
  GetTicketSlaQuery,
  type Period,
  SlaBoardQuery,
  WhatIfQuery,
} from '../application/sla-queries';
import { BoardQueryDto, PeriodDto, WhatIfDto } from './sla.dto';
import {
  BOARD_CLOCK_SCHEMA,
  COMPLIANCE_REPORT_SCHEMA,
  TICKET_SLA_SCHEMA,
  WHAT_IF_SCHEMA,
} from './sla.schemas';

/** Instants compare as text in the read models: every bound in UTC, as the events store them. */
const period = ({ from, to }: PeriodDto): Period => {
  const range = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  if (range.from > range.to)
    throw new RefusedInputError([{ field: 'to', reason: 'must not be before from' }]);
  return range;
};

@ApiTags('sla')
@Controller('sla')
export class SlaController {
  constructor(private readonly queries: QueryBus) {}

  @Get('tickets/:id')
  @QueryOperation({
    ids: { id: 'uuid4' },
    summary:
      "A ticket's clocks: target, due time, business time elapsed and remaining, state, warnings, pauses",
    scope: 'sla:read',
    response: TICKET_SLA_SCHEMA,
  })
  ticket(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetTicketSlaQuery(id, principal));
  }

  @Get('board')
  @QueryOperation({
    summary: 'Running clocks warned or breached, soonest due first (agents, administrators)',
    scope: 'sla:read',
    response: pageSchema(BOARD_CLOCK_SCHEMA),
  })
  board(@Query() query: BoardQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new SlaBoardQuery(principal, { ...query, limit: query.limit ?? 25 }));
  }

  @Get('reports/compliance')
  @QueryOperation({
    summary:
      'Met and breached clocks per organisation, metric and priority, of tickets registered in the period',
    scope: 'sla:read',
    response: COMPLIANCE_REPORT_SCHEMA,
  })
  compliance(@Query() query: PeriodDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new ComplianceReportQuery(principal, period(query)));
  }

  @Post('what-if')
  @HttpCode(200)
  @QueryOperation({
    summary:
      "The compliance report recomputed from the period's ticket events under another policy; nothing is written",
    scope: 'sla:read',
    response: WHAT_IF_SCHEMA,
    problems: [413, 415],
  })
  whatIf(@Body() body: WhatIfDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new WhatIfQuery(principal, body.policy, period(body)));
  }
}
