import type { SealedValue } from '@helpdesk/contracts';

// The envelope's format is part of the public contract: libs/contracts/src/personal-data/sealed-value.ts.
export type { SealedValue };
export { contactSubject } from '@helpdesk/contracts';

/** What a reader gets for a sealed value whose key was shredded (the person was erased). */
export const ERASED = '[erased]';

export const isSealedValue = (value: unknown): value is SealedValue =>
  typeof value === 'object' &&
  value !== null &&
  (value as SealedValue).pii === 1 &&
  typeof (value as SealedValue).subject === 'string' &&
  typeof (value as SealedValue).iv === 'string' &&
  typeof (value as SealedValue).ct === 'string';

/** Subjects name a kind of person and their id; the kind keeps ids of different kinds apart. */
export const SUBJECT_PATTERN = /^[a-z][a-z-]*:[^\s]{1,200}$/;

export const assertSubject = (subject: string) => {
  if (!SUBJECT_PATTERN.test(subject))
    throw new Error(`"${subject}" is not a personal-data subject (kind:id, e.g. contact:<id>)`);
};
