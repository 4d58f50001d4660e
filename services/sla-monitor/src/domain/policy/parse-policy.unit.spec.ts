import { DomainError } from '@helpdesk/decider';
import { BUILT_IN_POLICIES, RESPONSE_TIME } from './built-in-policies';
import { parsePolicy, policyProblems } from './parse-policy';
import { policyHistory } from './policy-history';

const HOUR = 3600;

describe('the built-in policies', () => {
  const [responseTime, restoreTime] = BUILT_IN_POLICIES;

  it('response-time (seed 003): triage 15 minutes, first response 15 min / 60 min / 1 day / 2 days', () => {
    expect(responseTime.targets.triage).toEqual({ P1: 900, P2: 900, P3: 900, P4: 900 });
    expect(responseTime.targets.first_response).toEqual({ P1: 900, P2: 3600, P3: 8.5 * HOUR, P4: 17 * HOUR });
    expect(responseTime.targets.resolution).toEqual({});
  });

  it('restore-time (seed 004): response in 2 or 5 working days, restore in 2 working days or 4 working weeks', () => {
    expect(restoreTime.targets.triage).toEqual({});
    expect(restoreTime.targets.first_response).toEqual({ P3: 17 * HOUR, P4: 5 * 8.5 * HOUR });
    expect(restoreTime.targets.resolution).toEqual({ P1: 17 * HOUR, P2: 20 * 8.5 * HOUR });
    expect(restoreTime.pausedBy.resolution).toEqual(['waiting_for_customer', 'waiting_for_third_party']);
  });

  it('start clocks with P3 before triage and warn at 75% and 90%', () => {
    expect(responseTime.defaultPriority).toBe('P3');
    expect(responseTime.warningFractions).toEqual([0.75, 0.9]);
  });
});

describe('reading a policy', () => {
  it('fills in the defaults: Amsterdam, Dutch holidays, P3, 75% and 90%, waiting for the customer pauses resolution', () => {
    const policy = parsePolicy({
      id: 'minimal',
      version: 1,
      effectiveFrom: '2026-01-01T00:00:00+01:00',
      calendar: { officeHours: { mon: ['09:00-17:00'] } },
      targets: { resolution: { P1: { hours: 4 } } },
    });
    expect(policy).toMatchObject({
      name: 'minimal',
      effectiveFrom: '2025-12-31T23:00:00.000Z',
      defaultPriority: 'P3',
      warningFractions: [0.75, 0.9],
      pausedBy: { triage: [], first_response: [], resolution: ['waiting_for_customer'] },
      calendar: { zone: 'Europe/Amsterdam' },
    });
  });

  it('reports every problem with its path', () => {
    const problems = policyProblems({
      id: 'Response Time',
      version: 0,
      effectiveFrom: '2026-01-01',
      calendar: {
        zone: 'Europe/Amsterdamm',
        officeHours: { mon: ['9-17'], fri: ['13:00-17:00', '12:00-14:00'] },
        holidays: { country: 'XX' },
      },
      roundTheClock: ['P0'],
      targets: {
        first_response: { P1: { minutes: -5 }, P5: { hours: 1 } },
        response: {},
        resolution: { P2: { days: 2 } },
      },
      pausedBy: { resolution: ['waiting_for_godot'] },
      warningFractions: [0.9, 0.75, 1.5],
      colour: 'red',
    });
    expect(problems.map((p) => p.path)).toEqual([
      'colour',
      'id',
      'version',
      'effectiveFrom',
      'calendar.zone',
      'calendar.officeHours.mon.0',
      'calendar.officeHours.fri.1',
      'calendar.holidays.country',
      'roundTheClock.0',
      'targets.response',
      'targets.first_response.P5',
      'targets.first_response.P1.minutes',
      'targets.resolution.P2',
      'pausedBy.resolution.0',
      'warningFractions.1',
      'warningFractions.2',
    ]);
  });

  it('refuses an invalid policy as a domain error listing the problems', () => {
    let refusal: unknown;
    try {
      parsePolicy({ ...RESPONSE_TIME, targets: {} });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      code: 'invalid_policy',
      message: expect.stringContaining('targets must set at least one target'),
      details: { problems: [{ path: 'targets', message: 'must set at least one target' }] },
    });
  });

  it('refuses what is not an object at all', () =>
    expect(policyProblems('response-time')).toEqual([{ path: '', message: 'a policy must be an object' }]));
});

describe('policy versions', () => {
  const v1 = parsePolicy(RESPONSE_TIME);
  const v2 = parsePolicy({
    ...RESPONSE_TIME,
    version: 2,
    effectiveFrom: '2027-01-01T00:00:00+01:00',
    targets: { ...RESPONSE_TIME.targets, triage: { P1: { minutes: 10 } } },
  });
  const history = policyHistory([v2, v1]);

  it('apply to tickets registered from their effective time on', () => {
    expect(history.inForce('response-time', '2026-12-31T22:59:59.999Z').version).toBe(1);
    expect(history.inForce('response-time', '2026-12-31T23:00:00.000Z').version).toBe(2);
  });

  it('stay available for the tickets already running under them', () =>
    expect(history.version('response-time', 1)).toBe(v1));

  it('are refused when unknown or not yet in force', () => {
    expect(() => history.inForce('gold', '2026-01-01T00:00:00Z')).toThrow(/no SLA policy gold/);
    expect(() => history.inForce('response-time', '1999-01-01T00:00:00Z')).toThrow(/not in force/);
    expect(() => history.version('response-time', 3)).toThrow(/no version 3/);
  });

  it('must take effect in the order of their versions', () =>
    expect(() => policyHistory([v1, { ...v2, effectiveFrom: '1990-01-01T00:00:00.000Z' }])).toThrow(
      /must take effect after/,
    ));
});
