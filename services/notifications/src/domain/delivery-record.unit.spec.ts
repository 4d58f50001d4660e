import type { NotificationEvent } from '@helpdesk/contracts';
import { deciderSpec } from '@helpdesk/decider';
import {
  type DeliveryCommand,
  deliveryRecordDecider,
  notificationIdFor,
  type QueuedMessage,
  type RetrySchedule,
} from './delivery-record';

const spec = deciderSpec(deliveryRecordDecider);
const message: QueuedMessage = {
  dedupeKey: 'event-1/contact:contact-42',
  eventId: 'event-1',
  ticketId: 'ticket-1',
  organisationId: 'org-zorg',
  number: 'HD-00042',
  recipientKey: 'contact:contact-42',
  to: { email: 'anna@zorg.example', name: 'Anna de Vries' },
  language: 'nl',
  template: 'ticket-registered',
  subject: '[HD-00042] Geregistreerd',
  text: 'Tekst',
  html: '<p>Tekst</p>',
  messageId: '<abc@helpdesk.local>',
  threadId: '<ticket.ticket-1@helpdesk.local>',
};
const notificationId = notificationIdFor(message.dedupeKey);
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 20, 9, 0, seconds)).toISOString();
const schedule: RetrySchedule = { maxAttempts: 3, initialDelayMs: 1000, maxDelayMs: 60000 };
const claimMs = 30_000;

const queued: NotificationEvent = { type: 'MessageQueued', data: { notificationId, at: at(0), ...message } };
const attempted = (attempt: number, second = attempt): NotificationEvent => ({
  type: 'DeliveryAttempted',
  data: { notificationId, at: at(second), attempt },
});
const failedFor = (attempt: number, retryAt?: string): NotificationEvent => ({
  type: 'MessageFailed',
  data: {
    notificationId,
    at: at(attempt),
    attempt,
    permanent: !retryAt,
    error: '421 try later',
    ...(retryAt ? { retryAt } : {}),
  },
});
const failure = (second: number, permanent = false): DeliveryCommand => ({
  type: 'RecordFailure',
  at: at(second),
  error: '421 try later',
  permanent,
  schedule,
});

describe('a delivery record', () => {
  it('queues a message once per dedupe key, however often it is asked', () => {
    spec
      .given([])
      .when({ type: 'QueueMessage', message, at: at(0) })
      .then([queued]);
    spec
      .given([queued])
      .when({ type: 'QueueMessage', message, at: at(9) })
      .then([]);
  });

  it('names its stream by a stable hash of the dedupe key', () => {
    expect(notificationId).toMatch(/^[0-9a-f]{32}$/);
    expect(notificationIdFor('event-1/contact:contact-43')).not.toBe(notificationId);
  });

  it('records the attempt before the send, then the send', () => {
    spec
      .given([queued])
      .when({ type: 'AttemptDelivery', at: at(1), claimMs })
      .then([attempted(1)]);
    spec
      .given([queued, attempted(1)])
      .when({ type: 'RecordSent', at: at(2) })
      .then([
        { type: 'MessageSent', data: { notificationId, at: at(2), attempt: 1, possiblyRepeated: false } },
      ]);
  });

  it('marks a send after an attempt without outcome (a crash mid-send) as possibly repeated', () => {
    spec
      .given([queued, attempted(1), attempted(2)])
      .when({ type: 'RecordSent', at: at(3) })
      .then([
        { type: 'MessageSent', data: { notificationId, at: at(3), attempt: 2, possiblyRepeated: true } },
      ]);
  });

  it('keeps a second replica from attempting a message while the first attempt is under way', () => {
    spec
      .given([queued, attempted(1)])
      .when({ type: 'AttemptDelivery', at: at(1 + claimMs / 1000 - 1), claimMs })
      .then([]);
  });

  it('lets the message be attempted again once the claim of a sender that died has expired', () => {
    spec
      .given([queued, attempted(1)])
      .when({ type: 'AttemptDelivery', at: at(1 + claimMs / 1000), claimMs })
      .then([attempted(2, 1 + claimMs / 1000)]);
  });

  it('schedules a retry with back-off after a temporary failure', () => {
    spec
      .given([queued, attempted(1)])
      .when(failure(1))
      .then([failedFor(1, at(2))]);
    spec
      .given([queued, attempted(1), failedFor(1, at(2)), attempted(2)])
      .when(failure(2))
      .then([failedFor(2, at(4))]);
  });

  it('gives up on a permanent refusal, or when the attempts run out', () => {
    spec
      .given([queued, attempted(1)])
      .when(failure(1, true))
      .then([failedFor(1)]);
    const twoFailed = [queued, attempted(1), failedFor(1, at(2)), attempted(2), failedFor(2, at(4))];
    spec
      .given([...twoFailed, attempted(3)])
      .when(failure(3))
      .then([failedFor(3)]);
  });

  it('does nothing more once sent or given up', () => {
    const sent: NotificationEvent = {
      type: 'MessageSent',
      data: { notificationId, at: at(2), attempt: 1, possiblyRepeated: false },
    };
    spec
      .given([queued, attempted(1), sent])
      .when({ type: 'AttemptDelivery', at: at(5), claimMs })
      .then([]);
    spec
      .given([queued, attempted(1), failedFor(1)])
      .when({ type: 'AttemptDelivery', at: at(5), claimMs })
      .then([]);
  });

  it('records an outcome only for an attempt it recorded', () => {
    spec
      .given([queued])
      .when({ type: 'RecordSent', at: at(1) })
      .then([]);
    spec.given([queued]).when(failure(1)).then([]);
  });
});

describe('a bounce', () => {
  const sent: NotificationEvent = {
    type: 'MessageSent',
    data: { notificationId, at: at(2), attempt: 1, possiblyRepeated: false },
  };
  const bounce = (second: number): DeliveryCommand => ({
    type: 'RecordBounce',
    at: at(second),
    mailId: 'f'.repeat(32),
    report: { status: '5.1.1', action: 'failed', diagnostic: '550 5.1.1 User unknown' },
  });
  const bounced: NotificationEvent = {
    type: 'MessageBounced',
    data: {
      notificationId,
      at: at(9),
      status: '5.1.1',
      action: 'failed',
      diagnostic: '550 5.1.1 User unknown',
      mailId: 'f'.repeat(32),
    },
  };

  it('is recorded on the message it returns, once', () => {
    spec
      .given([queued, attempted(1), sent])
      .when(bounce(9))
      .then([bounced]);
    spec
      .given([queued, attempted(1), sent, bounced])
      .when(bounce(12))
      .then([]);
  });

  it('of a message never queued changes nothing, and a bounced message is not sent again', () => {
    spec.given([]).when(bounce(9)).then([]);
    spec
      .given([queued, attempted(1), sent, bounced])
      .when({ type: 'AttemptDelivery', at: at(40), claimMs })
      .then([]);
  });
});

describe("a bounce's diagnostic", () => {
  it('is recorded in MessageBounced without the address', () => {
    const [event] = deliveryRecordDecider.decide(
      {
        type: 'RecordBounce',
        at: '2026-12-02T10:00:00.000Z',
        mailId: 'f'.repeat(32),
        report: { status: '5.1.1', action: 'failed', diagnostic: '550 <anna@zorg.example> unknown' },
      },
      { ...deliveryRecordDecider.initialState, status: 'sent', notificationId: 'n-1' } as never,
    );
    expect(event).toMatchObject({ type: 'MessageBounced', data: { diagnostic: '550 <address> unknown' } });
  });
});
