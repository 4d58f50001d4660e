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
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { SLA_MONITOR_ACTOR } from '../application/observe-ticket-event';
import { SlaScheduleReadModel } from '../application/sla-read-models';
import { SLA_SETTINGS, type SlaSettings } from '../application/sla-settings';
import { TicketEventsConsumer } from '../consumers/ticket-events';
import { tickRound } from './next-round';

/**
 * Fires the clocks' deadlines from the durable schedule (a read model of the monitor's own
 * events). After each round it sleeps until the soonest deadline ahead, at most SLA_TICK_MS
 * (next-round.ts). Nothing is kept in timers but the next round: after a restart the first round
 * finds every clock that fell due meanwhile and breaches it at once, with the instant it was due.
 * Of several replicas, the holder of the lease `sla-deadlines` ticks; the others stand by.
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineScheduler');
  private ticking = false;
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private lease?: LeaseHandle;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SLA_SETTINGS) private readonly settings: SlaSettings,
    private readonly schedule: SlaScheduleReadModel,
    @Inject(LEASES) private readonly leases: Leases,
    @Inject(LEASE_TIMING) private readonly leaseTiming: LeaseTiming,
    private readonly tickets: TicketEventsConsumer,
  ) {}

  start() {
    this.lease = runUnderLease(
      this.leases,
      'sla-deadlines',
      { start: async () => this.startTicking(), stop: () => this.stopTicking() },
      this.leaseTiming,
      this.logger,
    );
  }

  private startTicking() {
    this.ticking = true;
    // A round still out (stopped and started again meanwhile) goes on timing the next one.
    if (!this.round && !this.timer) this.runRound();
  }

  /** One round at a time, each timed by the one before; a failed round is tried again a tick later. */
  private runRound() {
    this.timer = undefined;
    this.round = this.tickOnce()
      .catch((error: Error) => {
        this.logger.error(`a scheduler round failed: ${error.message}`, error.stack);
        return this.settings.tickMs;
      })
      .then((waitMs) => {
        this.round = undefined;
        if (!this.ticking) return;
        this.timer = setTimeout(() => this.runRound(), waitMs);
        // The schedule never keeps a process alive on its own.
        this.timer.unref();
      });
  }

  /** Ticks what is due and answers how long to wait for the next round. */
  private tickOnce() {
    return tickRound(
      {
        store: this.store,
        schedule: this.schedule.views,
        policies: this.settings.policies,
        actor: SLA_MONITOR_ACTOR,
        observedRevision: async (ticketId) => (await this.tickets.records.get(ticketId))?.revision,
      },
      () => this.schedule.includeCommittedWrites(),
      this.settings,
    );
  }

  private async stopTicking() {
    this.ticking = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.round;
  }

  async onApplicationShutdown() {
    await this.lease?.stop();
  }
}
