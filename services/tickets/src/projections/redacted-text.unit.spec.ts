import { personalFieldsOf, ticketTextSubject } from '@helpdesk/contracts';
import { InMemoryEventStore } from '@helpdesk/event-store';
import { ERASED, InMemoryKeyStore, withPersonalData } from '@helpdesk/personal-data';
import { foldView } from '@helpdesk/read-models';
import { randomUUID } from 'node:crypto';
import { REDACTED, type TicketEvent } from '../domain';
import { agent, change, registered, reporter } from '../domain/testing/ticket.fixtures';
import { ticketViewProjection, visibleTo } from './ticket-view';

const commented: TicketEvent = {
  type: 'CommentAdded',
  data: {
    ...change(reporter),
    commentId: 'cm-1',
    body: 'My colleague Piet Jansen (BSN 123456782) cannot log in',
    visibility: 'public',
    authorRole: reporter.role,
    firstResponse: false,
  },
};
const commentRedacted: TicketEvent = {
  type: 'CommentRedacted',
  data: { ...change(agent), commentId: 'cm-1', reason: 'Holds a BSN number' },
};

describe("a ticket's texts in the store and its view", () => {
  it('seals the texts in the store, and shows [redacted] once the key is deleted, as of any moment', async () => {
    const raw = new InMemoryEventStore();
    const keys = new InMemoryKeyStore();
    const store = withPersonalData(raw, keys, personalFieldsOf);
    const append = (events: TicketEvent[]) =>
      store.append(
        'ticket-t-1',
        events.map((event) => ({
          id: randomUUID(),
          type: event.type,
          data: { ...event.data },
          metadata: {},
        })),
        { expectedRevision: 'any' },
      );
    await append([...registered(), commented]);
    expect(JSON.stringify((await raw.readAll()).map((e) => e.data))).not.toMatch(/Piet|monthly export/);
    const before = foldView(ticketViewProjection, await store.readStream('ticket-t-1'))!;
    expect(before.comments[0].body).toContain('Piet Jansen');

    await append([commentRedacted]);
    await keys.shred(ticketTextSubject('t-1', 'comment/cm-1'));
    const events = await store.readStream('ticket-t-1');
    const after = visibleTo(foldView(ticketViewProjection, events)!, 'agent');
    expect(after.comments).toEqual([expect.objectContaining({ id: 'cm-1', body: REDACTED })]);
    expect(after.description).toBe('The monthly export stops at 50%.');
    expect(after).not.toHaveProperty('commentIds');
    // The history and an as-of view read the comment's own event: its key is gone.
    expect(events[1].data.body).toBe(ERASED);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain('Piet');
  });
});
