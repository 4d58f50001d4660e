import { KINDS } from '@helpdesk/contracts';
import {
  arrayOf,
  BOOLEAN,
  DAY,
  INSTANT,
  INTEGER,
  type JsonSchema,
  objectOf,
  oneOfValues,
  STRING,
} from '@helpdesk/platform';

/** What every list and view of a release shows. */
const RELEASE_HEADLINE: Record<string, JsonSchema> = {
  id: STRING,
  status: oneOfValues(['planned', 'frozen', 'shipped', 'cancelled']),
  version: STRING,
  plannedDate: DAY,
  postponed: BOOLEAN,
};
const WHEN_KNOWN = {
  postponedFrom: { ...DAY, description: 'The first planned date, once postponed' },
  shippedAt: INSTANT,
};

/** GET /releases: a release and how many fixes it carries. */
export const RELEASE_ENTRY_SCHEMA = objectOf(
  { ...RELEASE_HEADLINE, fixCount: INTEGER },
  WHEN_KNOWN,
  'A release',
);

const FIX = objectOf({
  ticketId: STRING,
  number: STRING,
  title: { type: 'string', description: "The ticket's public title" },
  kind: oneOfValues(KINDS),
  organisationId: STRING,
});

/** GET /releases/{id}: the release, the fixes the caller may see by name, and how many others. */
export const RELEASE_SCHEMA = objectOf(
  {
    ...RELEASE_HEADLINE,
    fixes: arrayOf(FIX),
    otherFixes: { ...INTEGER, description: 'Fixes of tickets the caller may not see' },
    revision: { ...INTEGER, description: 'Send it back as If-Match' },
  },
  WHEN_KNOWN,
  'The release and its fixes',
);
