import { type MessageQueued, type NotificationEvent, withoutAddresses } from '@helpdesk/contracts';
import type { Decider } from '@helpdesk/decider';
import { createHash } from 'node:crypto';

/**
 * One message's delivery record, an aggregate of its own: queued once per dedupe key, every
 * attempt recorded BEFORE the message is handed to the mail server, then its outcome. An
 * attempt without an outcome means the service stopped mid-send: the server may have the
 * message, so the next successful send says it was possibly repeated.
 *
 * An open attempt is also a claim: while it is younger than the claim's time, another replica
 * asking to attempt the same message is told no, so two replicas never send it at once; a
 * replica that died mid-send leaves a claim that expires, and the message is sent again.
 */
export type QueuedMessage = Omit<MessageQueued['data'], 'notificationId' | 'at'>;

export type DeliveryRecord =
  | { status: 'unqueued' }
  | {
      status: 'queued' | 'sent' | 'failed' | 'bounced';
      notificationId: string;
      message: QueuedMessage;
      queuedAt: string;
      attempts: number;
      /** The last attempt has no recorded outcome yet. */
      attemptOpen: boolean;
      /** When the last attempt started: an open one claims the message until `claimMs` later. */
      attemptedAt?: string;
      /** An attempt ended without an outcome before the current one. */
      possiblyRepeated: boolean;
      lastError?: string;
      retryAt?: string;
      /** A delivery status notification came back for it. */
      bounce?: { status: string; action: string; diagnostic?: string; at: string };
    };

export interface RetrySchedule {
  /** Attempts in all; a temporary failure of the last one is recorded as permanent. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export type DeliveryCommand =
  | { type: 'QueueMessage'; message: QueuedMessage; at: string }
  /** `claimMs`: how long an open attempt keeps others off, longer than any send takes. */
  | { type: 'AttemptDelivery'; at: string; claimMs: number }
  | { type: 'RecordSent'; at: string }
  | { type: 'RecordFailure'; at: string; error: string; permanent: boolean; schedule: RetrySchedule }
  /** A bounce came back for the message (matched by its Message-ID): the recipient did not get it. */
  | {
      type: 'RecordBounce';
      at: string;
      mailId: string;
      report: { status: string; action: string; diagnostic?: string };
    };

/** The message's id in the log and its stream: the same for the same event and recipient. */
export const notificationIdFor = (dedupeKey: string) =>
  createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);

export const notificationStream = (notificationId: string) => `notification-${notificationId}`;

/** Exponential back-off, without jitter: the next attempt's time is recorded in the log. */
export const retryDelayMs = (schedule: RetrySchedule, failedAttempts: number) =>
  Math.min(schedule.maxDelayMs, schedule.initialDelayMs * 2 ** (failedAttempts - 1));

const decide = (command: DeliveryCommand, record: DeliveryRecord): NotificationEvent[] => {
  if (command.type === 'QueueMessage') {
    // Queued already by an earlier delivery of the same event: not again.
    if (record.status !== 'unqueued') return [];
    const notificationId = notificationIdFor(command.message.dedupeKey);
    return [{ type: 'MessageQueued', data: { notificationId, at: command.at, ...command.message } }];
  }
  if (command.type === 'RecordBounce') {
    // A report about a message we never queued, or a second report about one: nothing to add.
    if (record.status === 'unqueued' || record.status === 'bounced') return [];
    const { status, action } = command.report;
    const diagnostic = command.report.diagnostic && withoutAddresses(command.report.diagnostic);
    return [
      {
        type: 'MessageBounced',
        data: {
          notificationId: record.notificationId,
          at: command.at,
          status,
          action,
          ...(diagnostic ? { diagnostic } : {}),
          mailId: command.mailId,
        },
      },
    ];
  }
  // Sent, bounced or given up: nothing more to do, whoever asks.
  if (record.status !== 'queued') return [];
  const fact = { notificationId: record.notificationId, at: command.at };
  switch (command.type) {
    case 'AttemptDelivery':
      if (record.attemptOpen && Date.parse(command.at) < Date.parse(record.attemptedAt!) + command.claimMs)
        return [];
      return [{ type: 'DeliveryAttempted', data: { ...fact, attempt: record.attempts + 1 } }];
    case 'RecordSent':
      if (!record.attemptOpen) return [];
      return [
        {
          type: 'MessageSent',
          data: { ...fact, attempt: record.attempts, possiblyRepeated: record.possiblyRepeated },
        },
      ];
    case 'RecordFailure': {
      if (!record.attemptOpen) return [];
      const permanent = command.permanent || record.attempts >= command.schedule.maxAttempts;
      const retryAt = permanent
        ? {}
        : {
            retryAt: new Date(
              Date.parse(command.at) + retryDelayMs(command.schedule, record.attempts),
            ).toISOString(),
          };
      return [
        {
          type: 'MessageFailed',
          data: { ...fact, attempt: record.attempts, permanent, error: command.error, ...retryAt },
        },
      ];
    }
  }
};

const evolve = (record: DeliveryRecord, event: NotificationEvent): DeliveryRecord => {
  if (event.type === 'MessageQueued') {
    const { notificationId, at, ...message } = event.data;
    return {
      status: 'queued',
      notificationId,
      message,
      queuedAt: at,
      attempts: 0,
      attemptOpen: false,
      possiblyRepeated: false,
    };
  }
  if (record.status === 'unqueued') return record;
  switch (event.type) {
    case 'DeliveryAttempted':
      return {
        ...record,
        attempts: event.data.attempt,
        attemptOpen: true,
        attemptedAt: event.data.at,
        possiblyRepeated: record.possiblyRepeated || record.attemptOpen,
      };
    case 'MessageSent':
      return { ...record, status: 'sent', attemptOpen: false, retryAt: undefined };
    case 'MessageFailed':
      return {
        ...record,
        status: event.data.permanent ? 'failed' : 'queued',
        attemptOpen: false,
        lastError: event.data.error,
        retryAt: event.data.retryAt,
      };
    case 'MessageBounced': {
      const { status, action, diagnostic, at } = event.data;
      return {
        ...record,
        status: 'bounced',
        attemptOpen: false,
        retryAt: undefined,
        bounce: { status, action, ...(diagnostic ? { diagnostic } : {}), at },
      };
    }
  }
};

export const deliveryRecordDecider: Decider<DeliveryCommand, NotificationEvent, DeliveryRecord> = {
  initialState: { status: 'unqueued' },
  decide,
  evolve,
};
