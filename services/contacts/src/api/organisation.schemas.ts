import { arrayOf, BOOLEAN, INTEGER, nullable, objectOf, oneOfValues, STRING } from '@helpdesk/platform';

const LANGUAGE = oneOfValues(['nl', 'en']);
const ORGANISATION_STATUS = oneOfValues(['active', 'inactive']);

/** A contact as its organisation's administrators and agents read it. */
export const CONTACT_SCHEMA = objectOf(
  {
    id: STRING,
    name: STRING,
    email: { type: 'string', description: 'Lower case' },
    language: LANGUAGE,
    role: oneOfValues(['customer_admin', 'customer_employee']),
    authorised: { ...BOOLEAN, description: 'May have tickets filed for them (only while active)' },
    active: BOOLEAN,
  },
  // A contact registered or changed with `phone: null` has none: null, as given.
  {
    phone: nullable(STRING),
    erased: { ...BOOLEAN, description: 'Erased on request: no name, e-mail or phone any more' },
  },
  'A contact',
);

/** GET /contacts/{id}: the contact, its organisation, and the organisation's revision (its ETag). */
export const CONTACT_VIEW_SCHEMA = {
  ...CONTACT_SCHEMA,
  description: "The contact; revision is its organisation's, for If-Match",
  required: [...(CONTACT_SCHEMA.required as string[]), 'organisationId', 'revision'],
  properties: {
    ...(CONTACT_SCHEMA.properties as object),
    organisationId: STRING,
    revision: INTEGER,
  },
};

/** Agents, systems and the organisation's administrators: its details. */
const ORGANISATION_DETAILS = objectOf(
  {
    id: STRING,
    name: STRING,
    status: ORGANISATION_STATUS,
    timeZone: { type: 'string', description: 'IANA time zone, e.g. Europe/Amsterdam' },
    slaPolicy: { type: 'string', description: 'The SLA policy of its contract, e.g. restore-time' },
    calendar: { type: 'string', description: 'The support calendar its SLA clocks run on' },
    revision: { ...INTEGER, description: 'Send it back as If-Match' },
    administrators: arrayOf(objectOf({ id: STRING, name: STRING, email: STRING })),
  },
  { language: LANGUAGE },
  'The organisation',
);

/** An employee: its name and whom to ask. */
const ORGANISATION_SUMMARY = objectOf(
  {
    id: STRING,
    name: STRING,
    status: ORGANISATION_STATUS,
    administrators: arrayOf(objectOf({ name: STRING, email: STRING })),
  },
  {},
  'The organisation as an employee sees it',
);

/** Details or a summary, by who asks (the details are a summary and more, hence anyOf). */
export const ORGANISATION_SCHEMA = { anyOf: [ORGANISATION_DETAILS, ORGANISATION_SUMMARY] };
