import { createPostgresEventStore, type EventStore } from '@helpdesk/event-store';
import { freshPostgresDatabase, requireInfra } from '@helpdesk/testing';
import type { TrainSchedule } from '../domain';
import { TrainPlanner } from './train-planner';

const schedule: TrainSchedule = { startDate: '2026-12-08', cadenceDays: 14, horizon: 3 };
const MONDAY = () => new Date('2026-12-07T06:00:00.000Z');

/**
 * Replicas planning at the same moment on a real PostgreSQL store, each with its own
 * connections (the lease keeps this rare; it must still be harmless): no error, one event per train.
 */
describe('release train planners racing on PostgreSQL', () => {
  const stores: EventStore[] = [];
  afterAll(() => Promise.all(stores.map((store) => store.close())));

  it('plan each train once and fail nothing', async () => {
    const { url } = await freshPostgresDatabase(requireInfra('PG_URL'), 'train_race');
    for (let i = 0; i < 4; i++) stores.push(await createPostgresEventStore(url));
    const outcomes = await Promise.allSettled(
      stores.map((store) => new TrainPlanner(store, schedule, MONDAY).planDueTrains()),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(stores.map(() => 'fulfilled'));
    const planned = (await stores[0].readAll())
      .filter((event) => event.type === 'ReleasePlanned')
      .map((event) => (event.data as { releaseId: string }).releaseId)
      .sort();
    expect(planned).toEqual(['train-2026-12-08', 'train-2026-12-22', 'train-2027-01-05']);
  });
});
