import type { EventStore } from '@helpdesk/event-store';
import { EVENT_STORE } from '@helpdesk/platform';
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
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineScheduler');
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SLA_SETTINGS) private readonly settings: SlaSettings,
    private readonly schedule: SlaScheduleReadModel,
    private readonly tickets: TicketEventsConsumer,
  ) {}

  start() {
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

  async onApplicationShutdown() {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
  }
}
