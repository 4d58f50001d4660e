import type { EventStore } from '@helpdesk/event-store';
import {
  EVENT_STORE,
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
import type { TrainSchedule } from '../domain';
import { TrainPlanner } from './train-planner';
import { TRAIN_SCHEDULE } from './train-schedule.config';

// Trains are days apart: looking once an hour keeps the horizon full without any coordination.
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Keeps the next release trains planned: at start, then every hour, in the replica holding the
 * lease `release-trains`. The planner is idempotent on its own (a second planner racing it plans
 * nothing and fails nothing); the lease only saves the others the work.
 */
@Injectable()
export class ReleaseTrainScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReleaseTrains');
  private readonly planner: TrainPlanner;
  private timer?: NodeJS.Timeout;
  private lease?: LeaseHandle;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(TRAIN_SCHEDULE) schedule: TrainSchedule,
    @Inject(LEASES) private readonly leases: Leases,
    @Inject(LEASE_TIMING) private readonly leaseTiming: LeaseTiming,
  ) {
    this.planner = new TrainPlanner(store, schedule);
  }

  async onApplicationBootstrap() {
    this.lease = runUnderLease(
      this.leases,
      'release-trains',
      {
        start: async () => {
          await this.planTrains();
          // Unref'd: a pending check never keeps a stopping process alive.
          this.timer = setInterval(() => void this.planTrains(), CHECK_EVERY_MS).unref();
        },
        stop: async () => clearInterval(this.timer),
      },
      this.leaseTiming,
      this.logger,
    );
    // The holder's first plan is made before the service answers, as before.
    await this.lease.firstAttempt;
  }

  async onApplicationShutdown() {
    await this.lease?.stop();
  }

  /** A failure is logged, not thrown: the next run plans what this one could not. */
  private async planTrains() {
    try {
      const planned = await this.planner.planDueTrains();
      if (planned.length)
        this.logger.log(`planned release trains ${planned.map((t) => t.version).join(', ')}`);
    } catch (error) {
      this.logger.error(
        `planning release trains failed: ${(error as Error).message}`,
        (error as Error).stack,
      );
    }
  }
}
