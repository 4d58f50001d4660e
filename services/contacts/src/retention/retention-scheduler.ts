import {
  LEASE_TIMING,
  LEASES,
  type LeaseHandle,
  type Leases,
  type LeaseTiming,
  runUnderLease,
} from '@helpdesk/platform';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { RETENTION_SETTINGS, type RetentionSettings } from './retention.settings';
import { RetentionSweep, sweepSummary } from './retention-sweep';

/**
 * Runs the retention sweep every PERSONAL_DATA_RETENTION_SWEEP_MS while retention is on, in the
 * replica holding the lease `personal-data-retention`: one sweep at a time, so two replicas never
 * erase the same person at once (the decider would record it once anyway; the lease saves the work).
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer?: NodeJS.Timeout;
  private lease?: LeaseHandle;
  private running?: Promise<void>;
  private held = false;

  constructor(
    private readonly retention: RetentionSweep,
    @Inject(RETENTION_SETTINGS) private readonly settings: RetentionSettings,
    @Inject(LEASES) private readonly leases: Leases,
    @Inject(LEASE_TIMING) private readonly leaseTiming: LeaseTiming,
  ) {}

  onApplicationBootstrap() {
    const { days, sweepMs } = this.settings;
    if (days === undefined) return;
    this.logger.log(
      `retention on: people no longer contacts are erased ${days} days after their last ticket`,
    );
    this.lease = runUnderLease(
      this.leases,
      'personal-data-retention',
      {
        // The first sweep one interval after taking the lease: the copy of the tickets catches up first.
        start: async () => {
          this.held = true;
          // Unref'd: a pending sweep never keeps a stopping process alive.
          this.timer = setInterval(() => this.sweepOnce(days), sweepMs).unref();
        },
        // A sweep under way ends at its next contact: the next holder must not find it still erasing.
        stop: async () => {
          this.held = false;
          clearInterval(this.timer);
          await this.running;
        },
      },
      this.leaseTiming,
      this.logger,
    );
  }

  async onApplicationShutdown() {
    await this.lease?.stop();
  }

  /** A sweep still running when the next is due is left to finish: sweeps never overlap. */
  private sweepOnce(days: number) {
    if (this.running) return;
    this.running = this.retention
      .sweep({
        days,
        keepGoing: () => this.held,
        onProgress: (sofar) => this.logger.log(`retention sweep: ${sweepSummary(sofar)} so far`),
      })
      .then((done) => this.logger.log(`retention sweep done: ${sweepSummary(done)}`))
      .catch((error: Error) => this.logger.error(`retention sweep failed: ${error.message}`, error.stack))
      .finally(() => (this.running = undefined));
  }
}
