import { defaultParkingCapacity, defaultParkingPolicy, type ParkingPolicy } from '@helpdesk/messaging';
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
      PARK_MAX_MESSAGES: {
        description:
          'how many parked events one consumer may hold before it stops fetching (pauses its partitions) until they drain',
        default: String(defaultParkingCapacity.maxMessages),
        parse: parse.positiveInt,
      },
      PARK_MAX_BYTES: {
        description:
          'how many bytes of parked events one consumer may hold before it stops fetching until they drain',
        default: String(defaultParkingCapacity.maxBytes),
        parse: parse.positiveInt,
      },
    },
    env,
  );
  return {
    readYourWritesMs: config.READ_YOUR_WRITES_MS,
    parking: {
      ...defaultParkingPolicy,
      maxMs: config.PARK_MAX_MS,
      capacity: { maxMessages: config.PARK_MAX_MESSAGES, maxBytes: config.PARK_MAX_BYTES },
    },
  };
};
