import { defaultParkingPolicy, type ParkingPolicy } from '@helpdesk/messaging';
import { loadConfig, parse } from '../config/config';

export interface ConsistencySettings {
  /** How long a read that names a write's position waits for its read model to hold it. */
  readYourWritesMs: number;
  /** How long a consumed event waits for what another topic has not brought yet. */
  parking: ParkingPolicy;
}

/** Validated when the first consumer or read model of a process is created, with every problem at once. */
export const loadConsistencySettings = (env: NodeJS.ProcessEnv = process.env): ConsistencySettings => {
  const config = loadConfig(
    {
      READ_YOUR_WRITES_MS: {
        description: 'how long a read waits for the read model to hold the write position it was given',
        default: '2000',
        parse: parse.positiveInt,
      },
      PARK_MAX_MS: {
        description:
          'how long an event that needs what another topic has not brought yet is parked before it is dead-lettered',
        default: String(defaultParkingPolicy.maxMs),
        parse: parse.positiveInt,
      },
    },
    env,
  );
  return {
    readYourWritesMs: config.READ_YOUR_WRITES_MS,
    parking: { ...defaultParkingPolicy, maxMs: config.PARK_MAX_MS },
  };
};
