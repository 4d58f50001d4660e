import { Injectable } from '@nestjs/common';

/**
 * Whether the process finished the start-up work that must come before serving (read models
 * kept in memory rebuilt, its own modules initialised): what `/health/started` reports for a
 * startupProbe. Kafka is not part of it: consumers and relays join in the background.
 */
@Injectable()
export class StartupState {
  private startedAt?: Date;

  markStarted() {
    this.startedAt ??= new Date();
  }

  get started(): Date | undefined {
    return this.startedAt;
  }
}
