import { createInMemoryEventStore, type EventStore, handleCommand } from '@helpdesk/event-store';
import { releaseDecider, releaseStream, type TrainSchedule } from '../domain';
import { TrainPlanner } from './train-planner';

const schedule: TrainSchedule = { startDate: '2026-12-08', cadenceDays: 14, horizon: 3 };
const at = (iso: string) => () => new Date(iso);
const MONDAY = at('2026-12-07T06:00:00.000Z');

const plannedReleases = async (store: EventStore) =>
  (await store.readAll())
    .filter((event) => event.type === 'ReleasePlanned')
    .map((event) => (event.data as { releaseId: string }).releaseId);

describe('the release train planner', () => {
  it('plans the next trains from the start date', async () => {
    const store = createInMemoryEventStore();
    const planned = await new TrainPlanner(store, schedule, MONDAY).planDueTrains();
    expect(planned).toEqual([
      { releaseId: 'train-2026-12-08', version: '2026.12.08', plannedDate: '2026-12-08' },
      { releaseId: 'train-2026-12-22', version: '2026.12.22', plannedDate: '2026-12-22' },
      { releaseId: 'train-2027-01-05', version: '2027.01.05', plannedDate: '2027-01-05' },
    ]);
    const [event] = await store.readStream(releaseStream('train-2026-12-08'));
    expect(event.data).toMatchObject({ by: 'system', at: '2026-12-07T06:00:00.000Z' });
    expect(event.metadata).toMatchObject({ actor: { id: 'system', role: 'system' } });
  });

  it('plans each train once when two planners run at the same time', async () => {
    const store = createInMemoryEventStore();
    await Promise.all([
      new TrainPlanner(store, schedule, MONDAY).planDueTrains(),
      new TrainPlanner(store, schedule, MONDAY).planDueTrains(),
    ]);
    expect(await plannedReleases(store)).toEqual([
      'train-2026-12-08',
      'train-2026-12-22',
      'train-2027-01-05',
    ]);
  });

  it('plans nothing again after a restart, and only the new train once time moved on', async () => {
    const store = createInMemoryEventStore();
    await new TrainPlanner(store, schedule, MONDAY).planDueTrains();
    expect(await new TrainPlanner(store, schedule, MONDAY).planDueTrains()).toEqual([]);

    const twoWeeksOn = at('2026-12-21T06:00:00.000Z');
    const planned = await new TrainPlanner(store, schedule, twoWeeksOn).planDueTrains();
    expect(planned.map((train) => train.releaseId)).toEqual(['train-2027-01-19']);
    expect(await plannedReleases(store)).toHaveLength(4);
  });

  it('leaves a cancelled train cancelled', async () => {
    const store = createInMemoryEventStore();
    await new TrainPlanner(store, schedule, MONDAY).planDueTrains();
    await handleCommand(
      store,
      releaseDecider,
      releaseStream('train-2026-12-22'),
      {
        type: 'CancelRelease',
        data: { reason: 'Holidays.' },
        actor: { id: 'agent-1', role: 'agent' },
        at: '2026-12-07T08:00:00.000Z',
      },
      { metadata: { correlationId: 'c', actor: { id: 'agent-1', role: 'agent' }, occurredAt: 'x' } },
    );
    await new TrainPlanner(store, schedule, at('2026-12-07T09:00:00.000Z')).planDueTrains();
    const types = (await store.readStream(releaseStream('train-2026-12-22'))).map((e) => e.type);
    expect(types).toEqual(['ReleasePlanned', 'ReleaseCancelled']);
  });
});
