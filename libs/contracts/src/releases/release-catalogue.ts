import type { ReleaseEvent, ReleaseEventType } from './release-events';

type DataOf<Type extends ReleaseEventType> = Extract<ReleaseEvent, { type: Type }>['data'];

// One train's story: planned by the planner, two fixes in, one out, frozen, shipped.
const releaseId = 'train-2026-12-08';
const target = { version: '2026.12.08', plannedDate: '2026-12-08' };
const change = (by: string, at: string) => ({ releaseId, by, at });
const agent = (at: string) => change('agent-7', at);

/**
 * What each release event means and one documented example of it. Keyed by every event type,
 * so a new event cannot be published without its description and example.
 */
export const RELEASE_EVENTS: { [Type in ReleaseEventType]: { summary: string; example: DataOf<Type> } } = {
  ReleasePlanned: {
    summary:
      'A release was planned: by the train planner (`by` is `system`, the id is `train-<date>`) or by hand.',
    example: { ...change('system', '2026-11-24T06:00:00.000Z'), ...target },
  },
  ReleaseFixScheduled: {
    summary: "An agent put a ticket's fix (or wish) into the release; the ticket moves to fix scheduled.",
    example: {
      ...agent('2026-11-25T10:00:00.000Z'),
      ...target,
      fix: {
        ticketId: '6f1c2a8e-3b7d-4c55-9a10-2f4e8b9c0d11',
        number: 'HD-00042',
        title: 'Export to CSV stops at 50%',
        kind: 'error',
        organisationId: 'org-zorg',
      },
    },
  },
  ReleaseFixUnscheduled: {
    summary: "An agent took a ticket's fix out of the release; the ticket is worked on again.",
    example: {
      ...agent('2026-12-03T14:00:00.000Z'),
      ticketId: '0b7e5d3c-1a2f-4e6d-8c9b-7a6f5e4d3c2b',
      reason: 'Fails the regression tests; moves to the next train.',
    },
  },
  ReleaseFrozen: {
    summary: 'The release is frozen for testing: it takes no new fixes, but a fix may still be taken out.',
    example: agent('2026-12-04T16:00:00.000Z'),
  },
  ReleasePostponed: {
    summary:
      'The release moved to a later date; its tickets are listed so their reporters can be told the new date.',
    example: {
      ...agent('2026-12-07T09:00:00.000Z'),
      version: '2026.12.08',
      plannedDate: '2026-12-10',
      postponedFrom: '2026-12-08',
      reason: 'Waiting for the app store review.',
      ticketIds: ['6f1c2a8e-3b7d-4c55-9a10-2f4e8b9c0d11'],
    },
  },
  ReleaseShipped: {
    summary:
      'The release shipped: every listed ticket gets fix released and is resolved; its notes are final.',
    example: {
      ...agent('2026-12-10T18:00:00.000Z'),
      version: '2026.12.08',
      ticketIds: ['6f1c2a8e-3b7d-4c55-9a10-2f4e8b9c0d11'],
    },
  },
  ReleaseCancelled: {
    summary: "The release will not ship: the listed tickets' fixes are unscheduled again.",
    example: {
      ...agent('2026-12-07T09:00:00.000Z'),
      reason: 'Merged into the next train.',
      ticketIds: ['6f1c2a8e-3b7d-4c55-9a10-2f4e8b9c0d11'],
    },
  },
};
