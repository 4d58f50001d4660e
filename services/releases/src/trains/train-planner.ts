import {
  derivedEventId,
  DomainError,
  type EventStore,
  handleCommand,
  WrongExpectedRevisionError,
} from '@helpdesk/event-store';
import { randomUUID } from 'node:crypto';
import { plannedTrains, releaseDecider, releaseStream, type Train, type TrainSchedule } from '../domain';

const PLANNER = { id: 'system', role: 'system' } as const;

/**
 * Plans the next trains of the schedule. Idempotent by construction: a train's id follows from
 * its date and its event id from the train, so a second planner (another replica, a restart)
 * asking for the same train finds it planned — the decider refuses `release_exists`, a race is
 * a wrong expected revision, and a repeated append is a replay — and nothing is planned twice.
 */
export class TrainPlanner {
  constructor(
    private readonly store: EventStore,
    private readonly schedule: TrainSchedule,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * The trains this run planned (a racing planner's identical append counts for both); trains
   * that already existed are left as they are, even cancelled ones.
   */
  async planDueTrains(): Promise<Train[]> {
    const now = this.clock().toISOString();
    // The UTC day, as the decider judges "not in the past".
    const trains = plannedTrains(this.schedule, now.slice(0, 10));
    const planned: Train[] = [];
    for (const train of trains) if (await this.plan(train, now)) planned.push(train);
    return planned;
  }

  private async plan(train: Train, at: string) {
    try {
      const { events } = await handleCommand(
        this.store,
        releaseDecider,
        releaseStream(train.releaseId),
        { type: 'PlanRelease', data: train, actor: PLANNER, at },
        {
          metadata: { correlationId: randomUUID(), actor: PLANNER, occurredAt: at },
          eventIds: (index) => derivedEventId('release-train', train.releaseId, String(index)),
          maxAttempts: 1,
        },
      );
      return events.length > 0;
    } catch (error) {
      if (alreadyPlanned(error)) return false;
      throw error;
    }
  }
}

const alreadyPlanned = (error: unknown) =>
  error instanceof WrongExpectedRevisionError ||
  (error instanceof DomainError && error.code === 'release_exists');
