import { arrayOf, objectOf, oneOfValues, STRING } from '@helpdesk/platform';
import { CONTACT_VIEW_SCHEMA } from './organisation.schemas';

/** GET /personal-data/keys/{subject}: a person's data key, for a subscriber decrypting sealed fields. */
export const PERSONAL_DATA_KEY_SCHEMA = objectOf(
  {
    subject: STRING,
    algorithm: oneOfValues(['AES-256-GCM']),
    key: { type: 'string', description: 'The 32-byte key, base64', contentEncoding: 'base64' },
  },
  {},
  "The subject's key: opens each SealedValue of theirs (see the AsyncAPI document)",
);

/** A value an organisation event records: text, a number, yes/no, none, or an object of those (a contact). */
const RECORDED_SCALAR = {
  anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }],
  nullable: true,
};
const RECORDED_VALUE = {
  description: 'A recorded value, or an object of them',
  anyOf: [RECORDED_SCALAR, { type: 'object', additionalProperties: RECORDED_SCALAR }],
};

/** GET /contacts/{id}/personal-data: everything the contacts service holds about the person. */
export const PERSONAL_DATA_EXPORT_SCHEMA = objectOf(
  {
    subject: STRING,
    exportedAt: { type: 'string', format: 'date-time' },
    contact: CONTACT_VIEW_SCHEMA,
    organisation: objectOf({ id: STRING, name: STRING }),
    history: arrayOf(
      objectOf(
        {
          type: STRING,
          at: STRING,
          by: STRING,
          data: {
            type: 'object',
            description: 'What the event recorded about them',
            additionalProperties: RECORDED_VALUE,
          },
        },
        {},
        'A change recorded about them',
      ),
    ),
    elsewhere: arrayOf(
      objectOf({
        service: STRING,
        holds: STRING,
        query: { type: 'string', description: 'Ask it with the same token' },
      }),
    ),
  },
  {},
  'Their record, every change recorded about them, and where the rest is',
);
