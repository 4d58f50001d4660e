import type { TicketEvent } from '@helpdesk/contracts';
import {
  activityOf,
  evolveInvolvement,
  isInvolvementEvent,
  retentionReason,
  retentionVerdict,
  type TicketInvolvement,
} from './index';

const DAYS = 30;
const now = new Date('2026-12-01T12:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();

const deactivated = (when = daysAgo(100)) => ({ active: false, erased: false, deactivatedAt: when });
const noTickets = { openTickets: 0 };

const about = { ticketId: 't-1', by: 'someone', at: daysAgo(200) };

/** A ticket folded from its events, as the read model folds them (the others passed by). */
const ticket = (...events: Array<{ type: TicketEvent['type']; data: object }>) =>
  events
    .map((event) => ({ type: event.type, data: { ...about, ...event.data } }) as TicketEvent)
    .reduce<TicketInvolvement | undefined>(
      (current, event) => (isInvolvementEvent(event) ? evolveInvolvement(current, event) : current),
      undefined,
    )!;
const registered = (reporterId = 'c-bram', at = daysAgo(200)) => ({
  type: 'TicketRegistered' as const,
  data: { reporterId, at },
});
const closed = (at: string) => ({ type: 'TicketClosed' as const, data: { reason: 'confirmed', at } });
const reopened = (at: string) => ({ type: 'TicketReopened' as const, data: { reason: 'again', at } });
const participant = (participant: object) => ({ type: 'ParticipantAdded' as const, data: { participant } });
const participantRemoved = (participant: object) => ({
  type: 'ParticipantRemoved' as const,
  data: { participant },
});

describe('retention: whom it erases', () => {
  it('erases a deactivated contact whose last ticket closed more than the period ago', () => {
    const activity = activityOf([ticket(registered(), closed(daysAgo(31)))]);
    expect(retentionVerdict(deactivated(daysAgo(5)), activity, now, DAYS)).toEqual({
      erase: true,
      since: daysAgo(31),
    });
  });

  it('keeps them while their last ticket closed within the period', () => {
    const activity = activityOf([ticket(registered(), closed(daysAgo(29)))]);
    expect(retentionVerdict(deactivated(), activity, now, DAYS)).toEqual({
      erase: false,
      why: 'within_period',
    });
  });

  it('keeps them at exactly the period: more than the period, not as much', () => {
    const atTheBoundary = activityOf([ticket(registered(), closed(daysAgo(DAYS)))]);
    expect(retentionVerdict(deactivated(), atTheBoundary, now, DAYS).erase).toBe(false);
    const aMillisecondLater = new Date(now.getTime() + 1);
    expect(retentionVerdict(deactivated(), atTheBoundary, aMillisecondLater, DAYS).erase).toBe(true);
  });

  it('judges by the last of their tickets to close', () => {
    const activity = activityOf([
      ticket(registered(), closed(daysAgo(300))),
      ticket(registered(), closed(daysAgo(10))),
      ticket(registered(), closed(daysAgo(120))),
    ]);
    expect(activity).toEqual({ openTickets: 0, lastClosedAt: daysAgo(10) });
    expect(retentionVerdict(deactivated(), activity, now, DAYS).erase).toBe(false);
  });

  it('never erases while one of their tickets is open, however old the others', () => {
    const activity = activityOf([ticket(registered(), closed(daysAgo(300))), ticket(registered())]);
    expect(retentionVerdict(deactivated(), activity, now, DAYS)).toEqual({
      erase: false,
      why: 'open_ticket',
    });
  });

  it('counts a reopened ticket as open again, even when it was first closed long ago', () => {
    const activity = activityOf([ticket(registered(), closed(daysAgo(300)), reopened(daysAgo(250)))]);
    expect(activity.openTickets).toBe(1);
    expect(retentionVerdict(deactivated(), activity, now, DAYS).erase).toBe(false);
  });

  it('takes the new closing of a reopened ticket', () => {
    const twice = ticket(registered(), closed(daysAgo(300)), reopened(daysAgo(250)), closed(daysAgo(20)));
    expect(activityOf([twice])).toEqual({ openTickets: 0, lastClosedAt: daysAgo(20) });
    expect(retentionVerdict(deactivated(), activityOf([twice]), now, DAYS).erase).toBe(false);
  });

  it('closes a ticket by a declined wish too', () => {
    const declined = ticket(registered(), { type: 'WishDeclined', data: { reason: 'no', at: daysAgo(40) } });
    expect(activityOf([declined])).toEqual({ openTickets: 0, lastClosedAt: daysAgo(40) });
    expect(retentionVerdict(deactivated(), activityOf([declined]), now, DAYS).erase).toBe(true);
  });

  it('erases a deactivated contact who never had a ticket once the deactivation is more than the period ago', () => {
    expect(retentionVerdict(deactivated(daysAgo(31)), noTickets, now, DAYS)).toEqual({
      erase: true,
      since: daysAgo(31),
    });
    expect(retentionVerdict(deactivated(daysAgo(29)), noTickets, now, DAYS)).toEqual({
      erase: false,
      why: 'within_period',
    });
  });

  it('never erases an active contact, however long ago their last ticket closed', () => {
    const activity = activityOf([ticket(registered(), closed(daysAgo(900)))]);
    expect(retentionVerdict({ active: true, erased: false }, activity, now, DAYS)).toEqual({
      erase: false,
      why: 'active',
    });
  });

  it('does not erase twice', () => {
    const erased = { active: false, erased: true, deactivatedAt: daysAgo(900) };
    expect(retentionVerdict(erased, noTickets, now, DAYS)).toEqual({ erase: false, why: 'erased' });
  });

  it('keeps an inactive contact whose deactivation is not known rather than guess', () => {
    expect(retentionVerdict({ active: false, erased: false }, noTickets, now, DAYS)).toEqual({
      erase: false,
      why: 'never_deactivated',
    });
  });

  it('names the period in the reason it records', () =>
    expect(retentionReason(30)).toBe(
      'retention: no longer a contact, last ticket closed more than 30 days ago',
    ));
});

describe('retention: who is involved in a ticket', () => {
  it('is its reporter', () =>
    expect(ticket(registered('c-anna'))).toMatchObject({ contactIds: ['c-anna'], open: true }));

  it('is every contact added as a participant, once each', () => {
    const withParticipants = ticket(
      registered('c-anna'),
      participant({ contactId: 'c-bram' }),
      participant({ contactId: 'c-bram' }),
    );
    expect(withParticipants.contactIds).toEqual(['c-anna', 'c-bram']);
  });

  it('keeps a removed participant involved until the ticket closes', () => {
    const removed = ticket(
      registered('c-anna'),
      participant({ contactId: 'c-bram' }),
      participantRemoved({ contactId: 'c-bram' }),
    );
    expect(removed.contactIds).toEqual(['c-anna', 'c-bram']);
  });

  it('leaves out outside addresses: they are not contacts', () =>
    expect(ticket(registered('c-anna'), participant({ email: 'x@outside.example' })).contactIds).toEqual([
      'c-anna',
    ]));

  it('gives a participant the ticket\u2019s closing like its reporter', () => {
    const shared = ticket(registered('c-anna'), participant({ contactId: 'c-bram' }), closed(daysAgo(45)));
    expect(shared).toMatchObject({ contactIds: ['c-anna', 'c-bram'], open: false, closedAt: daysAgo(45) });
  });
});
