import { Controller, Get, HttpStatus, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { OPERATIONS_SETTINGS, type OperationsSettings } from '../runtime/operations.settings';
import { lagBeyond, LagRegistry } from './lag';
import { ReadinessRegistry, runReadinessCheck } from './readiness';
import { StartupState } from './startup-state';

/**
 * Kubernetes' three probes. Bodies are terminus' health check result: `status` (`ok`, `error`,
 * `shutting_down`), `info` (what is up), `error` (what is down, each with its reason) and
 * `details` (everything). A failing check answers 503 with the same body.
 */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessRegistry,
    private readonly lags: LagRegistry,
    private readonly startup: StartupState,
    @Inject(OPERATIONS_SETTINGS) private readonly settings: OperationsSettings,
  ) {}

  @Get('live')
  @ApiOperation({
    summary:
      'Liveness: the process runs and answers. Always 200 while it can answer, also while it shuts down; it checks no dependency (a broker outage must not restart every pod).',
  })
  @ApiOkResponse({
    description: 'The process answers',
    schema: { example: { status: 'ok', info: {}, error: {}, details: {} } },
  })
  live() {
    return { status: 'ok', info: {}, error: {}, details: {} };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: each dependency separately (`event-store`, `read-store` when it is MongoDB, `kafka` in Kafka mode: the brokers answer and the relay and every consumer run) and `lag`: events not yet handled per relay (in the store, not yet published), projection (behind the store head) and consumer group (Kafka lag), with `maxLag` (READY_MAX_LAG, null: no limit). 503 names what is down in `error`; also 503 (`shutting_down`) once SIGTERM arrived.',
  })
  ready(@Res({ passthrough: true }) response: FastifyReply) {
    return this.answer(response, () =>
      this.health.check([
        ...this.readiness.all().map((check) => async (): Promise<HealthIndicatorResult> => ({
          [check.name]: await runReadinessCheck(check),
        })),
        () => this.lag(),
      ]),
    );
  }

  @Get('started')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Start-up: 200 once the work that must come before serving is done (modules initialised, read models kept in memory rebuilt), 503 before. For a startupProbe; Kafka is not waited for.',
  })
  started(@Res({ passthrough: true }) response: FastifyReply) {
    return this.answer(response, () =>
      this.health.check([
        async () => {
          const at = this.startup.started;
          return { startup: at ? { status: 'up', since: at.toISOString() } : { status: 'down' } };
        },
      ]),
    );
  }

  private async lag(): Promise<HealthIndicatorResult> {
    const report = await this.lags.report();
    const beyond = lagBeyond(report, this.settings.readyMaxLag);
    const maxLag = this.settings.readyMaxLag ?? null;
    return {
      lag: beyond.length
        ? { status: 'down', error: beyond.join('; '), maxLag, ...report }
        : { status: 'up', maxLag, ...report },
    };
  }

  /** terminus throws its 503; the body is the report, not a problem document. */
  private async answer(response: FastifyReply, check: () => Promise<unknown>) {
    try {
      return await check();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return error.getResponse();
    }
  }
}
