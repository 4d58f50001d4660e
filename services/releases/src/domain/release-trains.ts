import { addDays, daysBetween, isIsoDate, isoWeek } from './calendar-date';
import { refuse } from './release.rules';

/** The two-weekly release train, from configuration. */
export interface TrainSchedule {
  /** The first train's day (YYYY-MM-DD); every later train runs `cadenceDays` after the one before. */
  startDate: string;
  cadenceDays?: number;
  /** How many trains ahead exist at any time. */
  horizon?: number;
  /**
   * How a train's version is written: `{yyyy}`, `{mm}`, `{dd}` of its date, or `{isoWeekYear}`
   * and `{isoWeek}` (two digits) for week versions such as 2026.50.
   */
  versionFormat?: string;
}

export interface Train {
  releaseId: string;
  version: string;
  plannedDate: string;
}

export const TRAIN_DEFAULTS = { cadenceDays: 14, horizon: 4, versionFormat: '{yyyy}.{mm}.{dd}' } as const;

/**
 * The trains that should exist on `today` (YYYY-MM-DD, in the desk's time zone): the next
 * `horizon` train days from today on. Ids and versions follow from the date alone, so every
 * planner run (after a restart, or two at once) asks for the same releases; PlanRelease on an
 * existing one is refused with `release_exists`, which the planner reads as "already planned".
 */
export const plannedTrains = (schedule: TrainSchedule, today: string): Train[] => {
  const config: Required<TrainSchedule> = { ...TRAIN_DEFAULTS, ...schedule };
  requireSchedule(config, today);
  const { startDate, cadenceDays, horizon, versionFormat } = config;
  const elapsed = daysBetween(startDate, today);
  const next = elapsed <= 0 ? 0 : Math.ceil(elapsed / cadenceDays);
  return Array.from({ length: horizon }, (_, i) => {
    const plannedDate = addDays(startDate, (next + i) * cadenceDays);
    return {
      releaseId: trainId(plannedDate),
      version: trainVersion(versionFormat, plannedDate),
      plannedDate,
    };
  });
};

export const trainId = (plannedDate: string) => `train-${plannedDate}`;

const VERSION_TOKENS = ['yyyy', 'mm', 'dd', 'isoWeekYear', 'isoWeek'];

export const trainVersion = (format: string, plannedDate: string) => {
  const [yyyy, mm, dd] = plannedDate.split('-');
  const { weekYear, week } = isoWeek(plannedDate);
  const parts: Record<string, string> = {
    yyyy,
    mm,
    dd,
    isoWeekYear: String(weekYear),
    isoWeek: String(week).padStart(2, '0'),
  };
  return format.replace(/\{(\w+)\}/g, (_, name: string) => parts[name]);
};

const requireSchedule = (
  { startDate, cadenceDays, horizon, versionFormat }: Required<TrainSchedule>,
  today: string,
) => {
  const unknownTokens = [...versionFormat.matchAll(/\{(\w+)\}/g)]
    .map(([, name]) => name)
    .filter((name) => !VERSION_TOKENS.includes(name));
  const problems: [broken: boolean, problem: string][] = [
    [!isIsoDate(startDate), `the start date "${startDate}" is not a date like 2026-12-08`],
    [!isIsoDate(today), `today "${today}" is not a date like 2026-12-08`],
    [!Number.isInteger(cadenceDays) || cadenceDays < 1, `the cadence must be whole days, not ${cadenceDays}`],
    [
      !Number.isInteger(horizon) || horizon < 1 || horizon > 52,
      `the horizon must be 1 to 52 trains, not ${horizon}`,
    ],
    [unknownTokens.length > 0, `the version format knows no {${unknownTokens.join('}, {')}}`],
  ];
  const problem = problems.find(([broken]) => broken)?.[1];
  if (problem) refuse('invalid', 'invalid_train_schedule', `The release train is misconfigured: ${problem}.`);
};
