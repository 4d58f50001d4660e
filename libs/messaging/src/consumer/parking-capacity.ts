/** How much a consumer may hold parked at once (PARK_MAX_MESSAGES, PARK_MAX_BYTES). */
export interface ParkingCapacity {
  maxMessages: number;
  maxBytes: number;
}

/** What a consumer holds parked now, across its partitions. */
export interface ParkedLoad {
  messages: number;
  bytes: number;
}

export const defaultParkingCapacity: ParkingCapacity = { maxMessages: 10_000, maxBytes: 64 * 1024 * 1024 };

/** Whether a consumer should fetch more (`flowing`) or wait for its parked messages to drain (`paused`). */
export type ConsumerFlow = 'flowing' | 'paused';

/**
 * Back-pressure for parked messages: a consumer that reaches its cap stops fetching (Kafka: it
 * pauses its partitions) rather than holding ever more in memory, and fetches again once the
 * lot has drained to half the cap. The gap between the two marks keeps a consumer whose lot
 * hovers at the cap from pausing and resuming on every message (each pause ends a fetched batch).
 */
export const nextFlow = (now: ConsumerFlow, held: ParkedLoad, cap: ParkingCapacity): ConsumerFlow => {
  if (held.messages >= cap.maxMessages || held.bytes >= cap.maxBytes) return 'paused';
  if (now === 'flowing') return 'flowing';
  const drained =
    held.messages <= Math.floor(cap.maxMessages / 2) && held.bytes <= Math.floor(cap.maxBytes / 2);
  return drained ? 'flowing' : 'paused';
};
