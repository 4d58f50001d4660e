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
import { tickDueClocks } from './tick-due-clocks';

/**
 * Fires the clocks' deadlines from the durable schedule (a read model of the monitor's own
 * events), every SLA_TICK_MS. Nothing is kept in timers: after a restart the first round finds
 * every clock that fell due meanwhile and breaches it at once, with the instant it was due.
 * Of several replicas, the holder of the lease `sla-deadlines` ticks; the others stand by.
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineScheduler');
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
    this.timer = setInterval(() => this.runRound(), this.settings.tickMs);
    // The schedule never keeps a process alive on its own.
    this.timer.unref();
    this.runRound();
  }

  /**
   * One round at a time: a slow round is not overtaken by the next. A full batch means more is
   * due: the next round starts at once, on a schedule that holds this round's appends.
   */
  private runRound() {
    if (this.round || !this.timer) return;
    this.round = this.tickOnce()
      .then(
        (due) => due >= this.settings.tickBatch,
        (error: Error) => {
          this.logger.error(`a scheduler round failed: ${error.message}`, error.stack);
          return false;
        },
      )
      .then((more) => {
        this.round = undefined;
        if (more) this.runRound();
      });
  }

  private async tickOnce() {
    await this.schedule.includeCommittedWrites();
    return tickDueClocks(
      {
        store: this.store,
        schedule: this.schedule.views,
        policies: this.settings.policies,
        actor: SLA_MONITOR_ACTOR,
        observedRevision: async (ticketId) => (await this.tickets.records.get(ticketId))?.revision,
      },
      new Date(),
      this.settings.tickBatch,
    );
  }

  private async stopTicking() {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
  }

  async onApplicationShutdown() {
    await this.lease?.stop();
  }
}
