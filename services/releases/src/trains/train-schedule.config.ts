import { loadConfig, parse } from '@helpdesk/platform';
import { isIsoDate } from '../domain/calendar-date';
import { TRAIN_DEFAULTS, type TrainSchedule } from '../domain';

export const TRAIN_SCHEDULE = Symbol('TRAIN_SCHEDULE');

// A Tuesday: with no configuration the trains still run every other Tuesday, so `npm start` works.
const DEFAULT_START = '2026-01-06';
const MAX_HORIZON = 52;

const trainScheduleSettings = {
  RELEASE_TRAIN_START: {
    description: 'the day of the first release train, YYYY-MM-DD; later trains follow every cadence days',
    default: DEFAULT_START,
    parse: (raw: string) => {
      if (!isIsoDate(raw)) throw new Error('expected a date like 2026-01-06');
      return raw;
    },
  },
  RELEASE_TRAIN_CADENCE_DAYS: {
    description: 'days between two release trains',
    default: String(TRAIN_DEFAULTS.cadenceDays),
    parse: parse.positiveInt,
  },
  RELEASE_TRAIN_HORIZON: {
    description: `how many trains ahead are planned, 1 to ${MAX_HORIZON}`,
    default: String(TRAIN_DEFAULTS.horizon),
    parse: (raw: string) => {
      const horizon = parse.positiveInt(raw);
      if (horizon > MAX_HORIZON) throw new Error(`expected at most ${MAX_HORIZON}`);
      return horizon;
    },
  },
};

/** The release train from the environment; a wrong value stops the process with every problem listed. */
export const loadTrainSchedule = (env: NodeJS.ProcessEnv = process.env): TrainSchedule => {
  const config = loadConfig(trainScheduleSettings, env);
  return {
    startDate: config.RELEASE_TRAIN_START,
    cadenceDays: config.RELEASE_TRAIN_CADENCE_DAYS,
    horizon: config.RELEASE_TRAIN_HORIZON,
  };
};
