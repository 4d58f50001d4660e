import { Public } from '../auth/auth.decorators';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReadinessRegistry } from './readiness';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process runs and answers.' })
  live() {
    return { status: 'live' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: every dependency (store, bus, read store) answers; 503 otherwise.' })
  async ready(@Res({ passthrough: true }) response: Response) {
    const report = await this.readiness.report();
    if (report.status !== 'ready') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
