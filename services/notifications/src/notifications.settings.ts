import {
  loadConfig,
  loadMailReferenceSecret,
  type Mode,
  type OutgoingMailSettings,
  outgoingMailSchema,
  outgoingMailSettingsOf,
  parse,
} from '@helpdesk/platform';
import type { RetrySchedule } from './domain';
import type { DeskDetails } from './templates';

export const NOTIFICATION_SETTINGS = Symbol('NOTIFICATION_SETTINGS');

export interface NotificationSettings extends OutgoingMailSettings {
  desk: DeskDetails;
  supportLead: { email: string; language: 'nl' | 'en' };
  retry: RetrySchedule;
  /** How often the queue is looked at besides after each queueing: due retries, other replicas' messages. */
  pollMs: number;
  /** How long a replica's open attempt keeps the others from sending the same message. */
  claimMs: number;
  /**
   * Events older than this are history, not news: a first deployment reading a topic from its
   * start, or a replayed topic, updates who is involved but mails nobody about the past.
   */
  maxEventAgeMs: number;
  /** Signs the ticket and recipient into every Message-ID, so replies find their ticket. */
  mailReferenceSecret: string;
}

const language = parse.oneOf('nl', 'en');

/** The mail settings, validated at start with every problem reported at once. */
export const loadNotificationSettings = (
  mode: Mode,
  env: NodeJS.ProcessEnv = process.env,
): NotificationSettings => {
  const config = loadConfig(
    {
      ...outgoingMailSchema(mode, env),
      SUPPORT_LEAD_EMAIL: {
        description: 'the mailbox told of every SLA warning and breach',
        default: 'support-lead@vendor.example',
        parse: parse.string,
      },
      SUPPORT_LEAD_LANGUAGE: { description: 'nl or en', default: 'en', parse: language },
      DELIVERY_MAX_ATTEMPTS: {
        description: 'attempts per message before a temporary failure counts as permanent',
        default: '10',
        parse: parse.positiveInt,
      },
      DELIVERY_RETRY_INITIAL_MS: {
        description: 'back-off after the first temporary failure (doubles each time)',
        default: '2000',
        parse: parse.positiveInt,
      },
      DELIVERY_RETRY_MAX_MS: {
        description: 'the longest back-off',
        default: '900000',
        parse: parse.positiveInt,
      },
      NOTIFY_MAX_EVENT_AGE_MS: {
        description: 'events older than this (by their time) are not mailed about',
        default: String(7 * 24 * 3600 * 1000),
        parse: parse.positiveInt,
      },
      DELIVERY_CLAIM_MS: {
        description:
          'how long an attempt under way keeps other replicas from sending the same message; longer than a send takes (the SMTP timeouts add up to 50 s), and how long a message waits after its sender died',
        default: '90000',
        parse: parse.positiveInt,
      },
      DELIVERY_POLL_MS: {
        description: 'how often the queue is checked for due retries',
        default: '5000',
        parse: parse.positiveInt,
      },
    },
    env,
  );
  return {
    ...outgoingMailSettingsOf(config),
    supportLead: { email: config.SUPPORT_LEAD_EMAIL, language: config.SUPPORT_LEAD_LANGUAGE },
    retry: {
      maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
      initialDelayMs: config.DELIVERY_RETRY_INITIAL_MS,
      maxDelayMs: config.DELIVERY_RETRY_MAX_MS,
    },
    pollMs: config.DELIVERY_POLL_MS,
    claimMs: config.DELIVERY_CLAIM_MS,
    maxEventAgeMs: config.NOTIFY_MAX_EVENT_AGE_MS,
    mailReferenceSecret: loadMailReferenceSecret(
      { allowDevelopmentSecret: env.NODE_ENV !== 'production' },
      env,
    ),
  };
};
