import { MAIL_CHANNELS, MAIL_DECISIONS } from '@helpdesk/contracts';
import { arrayOf, INSTANT, INTEGER, objectOf, oneOfValues, STRING } from '@helpdesk/platform';

/** GET /mail/inbound: a received mail and what became of it. */
const INBOUND_MAIL = objectOf(
  {
    id: STRING,
    mailId: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    messageId: { type: 'string', description: 'As the sender wrote it, with its angle brackets' },
    from: { type: 'string', description: "The sender's address, lower case" },
    subject: STRING,
    via: oneOfValues(MAIL_CHANNELS),
    decision: oneOfValues(MAIL_DECISIONS),
    originalId: { type: 'string', description: 'The original message (.eml) as an attachment id' },
    size: INTEGER,
    at: INSTANT,
    decisions: { ...INTEGER, description: 'How often it was decided (reprocessing adds one)' },
  },
  { reason: STRING, ticketId: STRING, number: STRING, contactId: STRING, organisationId: STRING },
  'A received mail',
);

export const MAIL_LOG_SCHEMA = objectOf({ items: arrayOf(INBOUND_MAIL) }, {}, 'The mail log, newest first');

export const REPROCESSED_SCHEMA = objectOf(
  { decision: oneOfValues(MAIL_DECISIONS) },
  {},
  'What the mail became',
);
