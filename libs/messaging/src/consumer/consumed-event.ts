import type { CloudEvent } from '@helpdesk/contracts';

/** An event as a consumer receives it, with where it came from. */
export interface ConsumedEvent {
  event: CloudEvent;
  topic: string;
  partition: number;
  offset: string;
}

export type EventHandler = (message: ConsumedEvent) => Promise<void>;
