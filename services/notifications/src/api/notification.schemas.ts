import { NOTIFICATION_TEMPLATES } from '@helpdesk/contracts';
import { arrayOf, BOOLEAN, INSTANT, INTEGER, objectOf, oneOfValues, STRING } from '@helpdesk/platform';

const STATUS = oneOfValues(['queued', 'sent', 'failed']);
const LANGUAGE = oneOfValues(['nl', 'en']);
const TEMPLATE = oneOfValues(NOTIFICATION_TEMPLATES);
const RECIPIENT_KEY = { type: 'string', description: 'contact:<id>, agent:<id> or email:<address>' };

/** GET /notifications: a message and where its delivery stands. */
export const NOTIFICATION_ENTRY_SCHEMA = objectOf(
  {
    id: STRING,
    ticketId: STRING,
    organisationId: STRING,
    number: STRING,
    recipient: objectOf({ key: RECIPIENT_KEY, email: STRING }),
    language: LANGUAGE,
    template: TEMPLATE,
    subject: STRING,
    messageId: STRING,
    status: STATUS,
    attempts: INTEGER,
    possiblyRepeated: BOOLEAN,
    queuedAt: INSTANT,
  },
  { sentAt: INSTANT, lastError: STRING, nextAttemptAt: { ...INSTANT, description: 'Queued only' } },
  'A message and its deliveries',
);

/** GET /notifications/{id}: the message as rendered, with every delivery attempt and outcome. */
export const NOTIFICATION_SCHEMA = objectOf(
  {
    id: STRING,
    ticketId: STRING,
    number: STRING,
    recipient: objectOf({ key: RECIPIENT_KEY, email: STRING }, { name: STRING }),
    language: LANGUAGE,
    template: TEMPLATE,
    messageId: STRING,
    subject: STRING,
    text: STRING,
    html: STRING,
    status: STATUS,
    attempts: INTEGER,
    possiblyRepeated: BOOLEAN,
    queuedAt: INSTANT,
    deliveries: arrayOf(
      objectOf(
        {
          type: { type: 'string', description: 'The event, e.g. DeliveryAttempted or MessageSent' },
          at: INSTANT,
        },
        { attempt: INTEGER },
        'An attempt or its outcome, with the facts its event records',
      ),
    ),
  },
  { lastError: STRING, retryAt: { ...INSTANT, description: 'Queued only: the next attempt' } },
  'A message as rendered, with its delivery attempts',
);
