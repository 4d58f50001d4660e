import type { TicketEvent } from '@helpdesk/contracts';
import { foldView } from '@helpdesk/read-models';
import { ticketEntryProjection } from './ticket-entry';

const change = { ticketId: 't-1', by: 'agent-1', at: '2026-11-24T10:00:00.000Z' };
const registered = (kind: 'error' | 'wish' = 'error'): TicketEvent => ({
  type: 'TicketRegistered',
  data: {
    ...change,
    number: 'HD-00042',
    kind,
    channel: 'portal',
    subject: 'Export fails',
    description: 'It stops.',
    details: {},
    organisationId: 'org-1',
    reporterId: 'c-1',
  },
});
const triaged: TicketEvent = { type: 'TicketTriaged', data: { ...change, priority: 'P3' } };
const target = { releaseId: 'train-2026-12-08', version: '2026.12.08', plannedDate: '2026-12-08' };
const scheduled: TicketEvent = { type: 'FixScheduled', data: { ...change, ...target } };

const fold = (...events: TicketEvent[]) =>
  foldView(
    ticketEntryProjection,
    events.map((event, revision) => ({
      streamId: 'ticket-t-1',
      revision,
      position: BigInt(revision),
      type: event.type,
      data: event.data,
      recordedAt: new Date(change.at),
    })),
  );

describe("the releases service's copy of a ticket", () => {
  it('knows what scheduling its fix needs', () => {
    expect(fold(registered(), triaged)).toEqual({
      id: 't-1',
      revision: 1,
      number: 'HD-00042',
      subject: 'Export fails',
      kind: 'error',
      organisationId: 'org-1',
      reporterId: 'c-1',
      participantIds: [],
      status: 'open',
    });
  });

  it('knows who is involved: the reporter and the contacts added (who may see it named in a release)', () => {
    const participant = (type: 'ParticipantAdded' | 'ParticipantRemoved', p: object): TicketEvent =>
      ({ type, data: { ...change, participant: p } }) as TicketEvent;
    const entry = fold(
      registered(),
      participant('ParticipantAdded', { contactId: 'c-2' }),
      participant('ParticipantAdded', { email: 'desk@org-1.example' }),
      participant('ParticipantAdded', { contactId: 'c-3' }),
      participant('ParticipantRemoved', { contactId: 'c-2' }),
    );
    expect(entry).toMatchObject({ reporterId: 'c-1', participantIds: ['c-3'], revision: 4 });
  });

  it('knows the release its fix is scheduled in, until it is released', () => {
    expect(fold(registered(), triaged, scheduled)).toMatchObject({
      status: 'fix_scheduled',
      scheduledIn: { releaseId: target.releaseId, version: target.version },
    });
    const released = fold(
      registered(),
      triaged,
      scheduled,
      { type: 'FixReleased', data: { ...change, releaseId: target.releaseId, version: target.version } },
      { type: 'TicketResolved', data: { ...change, resolution: 'Fix released in 2026.12.08' } },
    );
    expect(released).toMatchObject({ status: 'resolved' });
    expect(released).not.toHaveProperty('scheduledIn');
  });

  it('forgets the release when the fix is taken out: a wish goes back to accepted', () => {
    const unscheduled: TicketEvent = {
      type: 'FixUnscheduled',
      data: { ...change, releaseId: target.releaseId, reason: 'Fails tests.' },
    };
    expect(fold(registered(), triaged, scheduled, unscheduled)).toMatchObject({ status: 'in_progress' });
    expect(fold(registered(), triaged, scheduled, unscheduled)).not.toHaveProperty('scheduledIn');
    const accepted: TicketEvent = { type: 'WishAccepted', data: change };
    expect(fold(registered('wish'), triaged, accepted, scheduled, unscheduled)).toMatchObject({
      status: 'accepted',
    });
  });

  it('ignores what does not change the status', () => {
    const comment: TicketEvent = {
      type: 'CommentAdded',
      data: {
        ...change,
        commentId: 'c',
        body: 'Hi',
        visibility: 'public',
        authorRole: 'agent',
        firstResponse: true,
      },
    };
    expect(fold(registered(), triaged, comment)).toMatchObject({ status: 'open', revision: 1 });
  });
});
