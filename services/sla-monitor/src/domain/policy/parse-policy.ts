import { DomainError } from '@helpdesk/decider';
import { type Priority, PRIORITIES } from '@helpdesk/contracts';
import { businessCalendar } from '../calendar/business-calendar';
import { calendarProblems } from '../calendar/calendar-definition';
import { child, isRecord, type Problem, unknownKeys } from '../problems';
import { PAUSING_STATUSES, SLA_METRICS, type SlaMetric } from '@helpdesk/contracts';
import {
  calendarFor,
  DEFAULT_PAUSED_BY,
  DEFAULT_PRIORITY,
  DEFAULT_WARNING_FRACTIONS,
  type SlaPolicy,
  type SlaPolicyDefinition,
  type TargetSpec,
  targetSpecSeconds,
} from './sla-policy';

const FIELDS = [
  'id',
  'version',
  'effectiveFrom',
  'name',
  'calendar',
  'roundTheClock',
  'defaultPriority',
  'targets',
  'pausedBy',
  'warningFractions',
];
const TARGET_UNITS = ['minutes', 'hours', 'businessDays', 'workingWeeks'];
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads a policy from data (JSON) and prepares it for the clocks. Refuses it with every problem
 * at once, each with its path, so whoever maintains the policy fixes it in one go.
 */
export const parsePolicy = (json: unknown): SlaPolicy => {
  const problems = policyProblems(json);
  if (problems.length > 0)
    throw new DomainError(
      'invalid',
      'invalid_policy',
      `The SLA policy is not valid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      { problems },
    );
  return prepare(json as SlaPolicyDefinition);
};

export const policyProblems = (json: unknown): Problem[] => {
  if (!isRecord(json)) return [{ path: '', message: 'a policy must be an object' }];
  return [
    ...unknownKeys(json, FIELDS, ''),
    ...(typeof json.id === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(json.id)
      ? []
      : [{ path: 'id', message: 'must be a lower-case name such as response-time' }]),
    ...(Number.isInteger(json.version) && (json.version as number) >= 1
      ? []
      : [{ path: 'version', message: 'must be a whole number from 1' }]),
    ...(typeof json.effectiveFrom === 'string' &&
    INSTANT.test(json.effectiveFrom) &&
    !isNaN(Date.parse(json.effectiveFrom))
      ? []
      : [
          {
            path: 'effectiveFrom',
            message: 'must be an ISO instant with its offset, e.g. 2026-01-01T00:00:00+01:00',
          },
        ]),
    ...(json.name === undefined || typeof json.name === 'string'
      ? []
      : [{ path: 'name', message: 'must be text' }]),
    ...calendarProblems(json.calendar, 'calendar'),
    ...priorityListProblems(json.roundTheClock, 'roundTheClock'),
    ...(json.defaultPriority === undefined || isPriority(json.defaultPriority)
      ? []
      : [{ path: 'defaultPriority', message: `must be one of ${PRIORITIES.join(', ')}` }]),
    ...targetsProblems(json.targets, 'targets'),
    ...pausedByProblems(json.pausedBy, 'pausedBy'),
    ...warningFractionsProblems(json.warningFractions, 'warningFractions'),
  ];
};

const isPriority = (value: unknown): value is Priority => PRIORITIES.includes(value as Priority);

const priorityListProblems = (value: unknown, path: string): Problem[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [{ path, message: 'must be a list of priorities' }];
  return value.flatMap((priority, index) =>
    isPriority(priority)
      ? []
      : [{ path: child(path, index), message: `must be one of ${PRIORITIES.join(', ')}` }],
  );
};

const targetsProblems = (targets: unknown, path: string): Problem[] => {
  if (!isRecord(targets)) return [{ path, message: 'must give targets per metric and priority' }];
  const problems = unknownKeys(targets, SLA_METRICS, path);
  for (const metric of SLA_METRICS) {
    const byPriority = targets[metric];
    if (byPriority === undefined) continue;
    if (!isRecord(byPriority)) {
      problems.push({ path: child(path, metric), message: 'must give a target per priority' });
      continue;
    }
    problems.push(...unknownKeys(byPriority, PRIORITIES, child(path, metric)));
    for (const priority of PRIORITIES)
      if (byPriority[priority] !== undefined)
        problems.push(...targetProblems(byPriority[priority], child(child(path, metric), priority)));
  }
  if (problems.length === 0 && SLA_METRICS.every((metric) => targets[metric] === undefined))
    problems.push({ path, message: 'must set at least one target' });
  return problems;
};

const targetProblems = (target: unknown, path: string): Problem[] => {
  const units = isRecord(target) ? Object.keys(target) : [];
  if (!isRecord(target) || units.length !== 1 || !TARGET_UNITS.includes(units[0]))
    return [
      { path, message: `must be one of { ${TARGET_UNITS.join(' | ')}: number }, e.g. { minutes: 15 }` },
    ];
  const amount = target[units[0]];
  return typeof amount === 'number' && amount > 0 && Number.isFinite(amount)
    ? []
    : [{ path: child(path, units[0]), message: 'must be a positive number' }];
};

const pausedByProblems = (pausedBy: unknown, path: string): Problem[] => {
  if (pausedBy === undefined) return [];
  if (!isRecord(pausedBy)) return [{ path, message: 'must list, per metric, the statuses that pause it' }];
  const problems = unknownKeys(pausedBy, SLA_METRICS, path);
  for (const metric of SLA_METRICS) {
    const statuses = pausedBy[metric];
    if (statuses === undefined) continue;
    if (!Array.isArray(statuses))
      problems.push({ path: child(path, metric), message: 'must be a list of statuses' });
    else
      statuses.forEach((status, index) => {
        if (!PAUSING_STATUSES.includes(status))
          problems.push({
            path: child(child(path, metric), index),
            message: `must be one of ${PAUSING_STATUSES.join(', ')}`,
          });
      });
  }
  return problems;
};

const warningFractionsProblems = (fractions: unknown, path: string): Problem[] => {
  if (fractions === undefined) return [];
  if (!Array.isArray(fractions))
    return [{ path, message: 'must be a list of fractions such as [0.75, 0.9]' }];
  return fractions.flatMap((fraction, index) => {
    if (typeof fraction !== 'number' || !(fraction > 0 && fraction < 1))
      return [{ path: child(path, index), message: 'must be a fraction between 0 and 1' }];
    const previous = fractions[index - 1];
    return typeof previous === 'number' && fraction <= previous
      ? [{ path: child(path, index), message: 'must be greater than the fraction before it' }]
      : [];
  });
};

const prepare = (definition: SlaPolicyDefinition): SlaPolicy => {
  const roundTheClock = definition.roundTheClock ?? [];
  const base = {
    id: definition.id,
    version: definition.version,
    effectiveFrom: new Date(definition.effectiveFrom).toISOString(),
    name: definition.name ?? definition.id,
    calendar: businessCalendar(definition.calendar),
    roundTheClock,
    defaultPriority: definition.defaultPriority ?? DEFAULT_PRIORITY,
    warningFractions: definition.warningFractions ?? DEFAULT_WARNING_FRACTIONS,
    definition,
  };
  const pausedBy = definition.pausedBy ?? DEFAULT_PAUSED_BY;
  const perMetric = <T>(value: (metric: SlaMetric) => T) =>
    Object.fromEntries(SLA_METRICS.map((metric) => [metric, value(metric)])) as Record<SlaMetric, T>;
  const secondsPerPriority = (specs: Partial<Record<Priority, TargetSpec>> = {}) =>
    Object.fromEntries(
      PRIORITIES.filter((priority) => specs[priority]).map((priority) => [
        priority,
        targetSpecSeconds(specs[priority]!, calendarFor(base, priority)),
      ]),
    );
  return {
    ...base,
    targets: perMetric((metric) => secondsPerPriority(definition.targets[metric])),
    pausedBy: perMetric((metric) => pausedBy[metric] ?? []),
  };
};
