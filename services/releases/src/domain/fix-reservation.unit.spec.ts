import { deciderSpec, refusedWith } from '@helpdesk/decider';
import {
  ABANDONED_AFTER_MS,
  type FixReservationCommand,
  fixReservationDecider,
  type FixReservationEvent,
  type HolderRelease,
} from './fix-reservation';

const spec = deciderSpec(fixReservationDecider);
const at = '2026-11-24T10:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(at) + ms).toISOString();
const ticket = { ticketId: 't-42', number: 'HD-00042' };

const reserve = (releaseId: string, holder?: HolderRelease, when = at): FixReservationCommand => ({
  type: 'ReserveFix',
  data: { ...ticket, releaseId, version: releaseId.replace('r-', ''), ...(holder ? { holder } : {}) },
  by: 'agent-1',
  at: when,
});
const reserved = (releaseId: string, when = at): FixReservationEvent => ({
  type: 'FixReserved',
  data: { ticketId: 't-42', releaseId, version: releaseId.replace('r-', ''), by: 'agent-1', at: when },
});
const confirmed = (releaseId: string): FixReservationEvent => ({
  type: 'FixReservationConfirmed',
  data: { ticketId: 't-42', releaseId, at },
});
const carrying = { open: true, carries: true };
const notCarrying = { open: true, carries: false };

describe("a ticket's fix reservation: one release at a time", () => {
  it('is taken by the first release', () =>
    spec
      .given([])
      .when(reserve('r-1'))
      .then([reserved('r-1')]));

  it('refuses another open release while the first carries the fix, naming it', () =>
    spec
      .given([reserved('r-1'), confirmed('r-1')])
      .when(reserve('r-2', carrying))
      .thenThrows(refusedWith('fix_in_other_release'), /already scheduled in release 1/));

  it('refuses another release while the first is about to take the fix (reserved, not yet confirmed)', () =>
    spec
      .given([reserved('r-1')])
      .when(reserve('r-2', notCarrying, later(1000)))
      .thenThrows(refusedWith('fix_in_other_release')));

  it('without facts about the holder assumes it holds', () =>
    spec
      .given([reserved('r-1'), confirmed('r-1')])
      .when(reserve('r-2'))
      .thenThrows(refusedWith('fix_in_other_release')));

  it.each([
    ['the fix was taken out of the first release', [reserved('r-1'), confirmed('r-1')], notCarrying],
    [
      'the first release shipped or was cancelled',
      [reserved('r-1'), confirmed('r-1')],
      { open: false, carries: true },
    ],
    [
      'the first reservation was abandoned (never confirmed, over a minute ago)',
      [reserved('r-1', later(-ABANDONED_AFTER_MS))],
      notCarrying,
    ],
  ])('moves to another release once %s', (_, history, holder) =>
    spec
      .given(history)
      .when(reserve('r-2', holder))
      .then([reserved('r-2')]),
  );

  it('is nothing new for the release that carries the fix already', () =>
    spec
      .given([reserved('r-1'), confirmed('r-1')])
      .when(reserve('r-1', carrying))
      .then([]));

  it('is taken again by the same release when it no longer carries the fix: a racing reservation must fail', () =>
    spec
      .given([reserved('r-1'), confirmed('r-1')])
      .when(reserve('r-1', notCarrying))
      .then([reserved('r-1')]));

  it('is confirmed once the release took the fix, and freed when the release refused it', () => {
    spec
      .given([reserved('r-1')])
      .when({ type: 'ConfirmFix', data: { ticketId: 't-42', releaseId: 'r-1' }, at })
      .then([confirmed('r-1')]);
    spec
      .given([reserved('r-1')])
      .when({ type: 'FreeFix', data: { ticketId: 't-42', releaseId: 'r-1', reason: 'release_frozen' }, at })
      .then([
        {
          type: 'FixReservationFreed',
          data: { ticketId: 't-42', releaseId: 'r-1', at, reason: 'release_frozen' },
        },
      ]);
    spec
      .given([reserved('r-2')])
      .when({ type: 'FreeFix', data: { ticketId: 't-42', releaseId: 'r-1', reason: 'x' }, at })
      .then([]);
  });
});
