import type { CalendarDefinition } from '../calendar/calendar-definition';
import { parsePolicy } from './parse-policy';
import type { SlaPolicyDefinition } from './sla-policy';

/** Office hours of both seeds' desks: Dutch working days 09:00-17:30, Dutch public holidays. */
const DUTCH_OFFICE: CalendarDefinition = {
  zone: 'Europe/Amsterdam',
  officeHours: {
    mon: ['09:00-17:30'],
    tue: ['09:00-17:30'],
    wed: ['09:00-17:30'],
    thu: ['09:00-17:30'],
    fri: ['09:00-17:30'],
  },
  holidays: { country: 'NL' },
};

/**
 * Seed 003: the priority is assessed within 15 minutes in office hours, and the desk responds
 * within 15 minutes (P1), 60 minutes (P2), a day (P3) or two days (P4). The seed's "day" is read
 * as a business day: it promises these times "within office hours". In force from 2000 so that
 * every ticket the desk holds falls under a version.
 */
export const RESPONSE_TIME: SlaPolicyDefinition = {
  id: 'response-time',
  version: 1,
  effectiveFrom: '2000-01-01T00:00:00Z',
  name: 'Response time (seed 003)',
  calendar: DUTCH_OFFICE,
  defaultPriority: 'P3',
  targets: {
    triage: { P1: { minutes: 15 }, P2: { minutes: 15 }, P3: { minutes: 15 }, P4: { minutes: 15 } },
    first_response: {
      P1: { minutes: 15 },
      P2: { minutes: 60 },
      P3: { businessDays: 1 },
      P4: { businessDays: 2 },
    },
  },
  pausedBy: { resolution: ['waiting_for_customer'] },
  warningFractions: [0.75, 0.9],
};

/**
 * Seed 004: a response within two (P3) or five (P4) working days; service restored (fixed or a
 * workaround) within two working days (P1) or four working weeks (P2). Restore time depends on
 * third parties (seed 004), so waiting for a third party pauses it as well as waiting for the
 * customer.
 */
export const RESTORE_TIME: SlaPolicyDefinition = {
  id: 'restore-time',
  version: 1,
  effectiveFrom: '2000-01-01T00:00:00Z',
  name: 'Restore time (seed 004)',
  calendar: DUTCH_OFFICE,
  defaultPriority: 'P3',
  targets: {
    first_response: { P3: { businessDays: 2 }, P4: { businessDays: 5 } },
    resolution: { P1: { businessDays: 2 }, P2: { workingWeeks: 4 } },
  },
  pausedBy: { resolution: ['waiting_for_customer', 'waiting_for_third_party'] },
  warningFractions: [0.75, 0.9],
};

export const BUILT_IN_POLICIES = [RESPONSE_TIME, RESTORE_TIME].map(parsePolicy);
