import { rewriteViews, rewrittenRevision } from './rewrite-views';
import { InMemoryEventStore } from '@helpdesk/event-store';
import { randomUUID } from 'node:crypto';
import { eventFeed } from './event-feed';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { InMemoryCheckpointStore, InMemoryViewStore } from './stores/in-memory.store';
import type { View } from './view';

interface Message extends View {
  recipient: string;
  email: string;
  queuedAt: string;
}

const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n % 7)).toISOString();

describe('rewriting the documents of a selection in place', () => {
  const seeded = async () => {
    const views = new InMemoryViewStore<Message>();
    // 250 of Bram's (more than two pages, many with the same time), 3 of someone else's.
    for (let n = 0; n < 250; n++)
      await views.put(
        { id: `m${n}`, revision: n % 3, recipient: 'bram', email: `b${n}@x`, queuedAt: at(n) },
        undefined,
      );
    for (let n = 0; n < 3; n++)
      await views.put(
        { id: `o${n}`, revision: 0, recipient: 'anna', email: 'a@x', queuedAt: at(n) },
        undefined,
      );
    return views;
  };
  const bramsEmails = async (views: InMemoryViewStore<Message>) =>
    (
      await views.find({ where: { recipient: 'bram' }, sort: { field: 'id', direction: 'asc' }, limit: 1000 })
    ).map((v) => v.email);

  it('changes every selected document once, moves its revision below the next event, and leaves the others', async () => {
    const views = await seeded();
    const rewritten = await rewriteViews(
      views,
      { where: { recipient: 'bram' }, orderedBy: 'queuedAt' },
      (v) => ({
        ...v,
        email: '',
      }),
    );
    expect(new Set(rewritten.map((v) => v.id)).size).toBe(250);
    expect(new Set(await bramsEmails(views))).toEqual(new Set(['']));
    expect((await views.get('m4'))?.revision).toBe(1.5);
    expect([rewrittenRevision(3), rewrittenRevision(3.5), rewrittenRevision(3.75)]).toEqual([
      3.5, 3.75, 3.875,
    ]);
    expect((await views.get('o1'))?.email).toBe('a@x');
  });

  it("reads again a document the projection moved on meanwhile, and keeps the projection's change", async () => {
    const views = await seeded();
    let raced = false;
    const racing = Object.assign(Object.create(views), {
      put: async (view: Message, expected: number | undefined) => {
        if (!raced && view.id === 'm7') {
          raced = true;
          await views.put({ ...(await views.get('m7'))!, revision: 9, queuedAt: at(7) }, 1);
        }
        return views.put(view, expected);
      },
    }) as InMemoryViewStore<Message>;
    await rewriteViews(racing, { where: { recipient: 'bram' }, orderedBy: 'queuedAt' }, (v) => ({
      ...v,
      email: '',
    }));
    expect(raced).toBe(true);
    expect(await views.get('m7')).toMatchObject({ email: '', revision: 9.5 });
  });

  it('can be repeated (an erasure asked again): the same documents, the same result', async () => {
    const views = await seeded();
    const erase = (v: Message) => ({ ...v, email: '' });
    const selection = { where: { recipient: 'bram' }, orderedBy: 'queuedAt' };
    const first = await rewriteViews(views, selection, erase);
    const second = await rewriteViews(views, selection, erase);
    const withoutRevision = (views: Message[]) => views.map(({ revision: _r, ...rest }) => rest);
    expect(withoutRevision(second)).toEqual(withoutRevision(first));
    expect(
      second.every((v, i) => v.revision > first[i].revision && v.revision < Math.floor(v.revision) + 1),
    ).toBe(true);
    expect(
      await rewriteViews(views, { where: { recipient: 'nobody' }, orderedBy: 'queuedAt' }, erase),
    ).toEqual([]);
  });

  it('is not undone by the projection writing its cached copy back with the next event', async () => {
    const store = new InMemoryEventStore();
    const views = new InMemoryViewStore<Message & { status: string }>();
    const messages: Projection<Message & { status: string }> = {
      name: 'messages',
      documentId: (event) => event.streamId,
      evolve: (current, event) => ({
        id: event.streamId,
        revision: event.revision,
        recipient: 'bram',
        email: current?.email ?? String((event.data as { email?: string }).email),
        queuedAt: current?.queuedAt ?? event.recordedAt.toISOString(),
        status: event.type,
      }),
    };
    const append = (type: string, data: Record<string, unknown>) =>
      store.append('m-1', [{ id: randomUUID(), type, data, metadata: {} }], 'any');
    const runner = new ProjectionRunner(messages, eventFeed(store), views, new InMemoryCheckpointStore());
    await append('Queued', { email: 'bram@zorg.example' });
    await runner.start(await store.headPosition());
    try {
      // The runner now holds m-1 as it wrote it; the erasure rewrites the stored copy.
      await rewriteViews(views, { where: { recipient: 'bram' }, orderedBy: 'queuedAt' }, (v) => ({
        ...v,
        email: '',
      }));
      await append('Failed', {});
      await runner.caughtUpTo((await store.headPosition())!);
      expect(await views.get('m-1')).toMatchObject({ email: '', status: 'Failed', revision: 1 });
    } finally {
      await runner.stop();
    }
  });
});
