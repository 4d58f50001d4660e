import { handleCommand, type EventStore } from '@helpdesk/event-store';
import { type DeliveryCommand, deliveryRecordDecider, notificationStream } from '../domain';

/** Who writes the delivery log: the service itself, in answer to an event or on its own schedule. */
const SYSTEM_ACTOR = { id: 'notifications', role: 'system' };

export interface Cause {
  correlationId?: string;
  causationId?: string;
}

/**
 * One command on one message's delivery record. `once`: decided on what was read, never again
 * on a fresher state: a concurrent writer (another replica starting the same attempt) wins.
 */
export const changeDeliveryRecord = (
  store: EventStore,
  notificationId: string,
  command: DeliveryCommand,
  { cause = {}, once = false }: { cause?: Cause; once?: boolean } = {},
) =>
  handleCommand(store, deliveryRecordDecider, notificationStream(notificationId), command, {
    metadata: {
      correlationId: cause.correlationId ?? notificationId,
      ...(cause.causationId ? { causationId: cause.causationId } : {}),
      actor: SYSTEM_ACTOR,
      occurredAt: command.at,
    },
    ...(once ? { maxAttempts: 1 } : {}),
  });
