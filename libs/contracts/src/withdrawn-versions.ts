// Kept apart from catalogue.ts, which imports every service's catalogue that uses it.
/** The reason an earlier version of an event with personal fields is no longer published. */
export const WITHDRAWN_FOR_PERSONAL_DATA =
  'carried personal data in clear: the current version seals it, and publishing the clear form would put it where no erasure reaches';
