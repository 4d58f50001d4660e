import { ERASED, isSealedValue, type SealedValue } from './envelope';
import { openValue, sealValue } from './field-cipher';
import { type PersonalDataKeyStore, SubjectErasedError } from './key-store';
import type { PersonalField } from '@helpdesk/contracts';

export type { PersonalField, PersonalFieldsOf } from '@helpdesk/contracts';

/**
 * The data with each personal field sealed under its subject's key. Fields that are absent,
 * not strings, or already sealed are left as they are, so sealing twice changes nothing. Throws
 * SubjectErasedError for an erased subject: nothing personal is recorded about them again.
 */
export const sealPersonalFields = async (
  keys: Pick<PersonalDataKeyStore, 'keyFor'>,
  fields: PersonalField[],
  data: Record<string, unknown>,
  { ofErasedSubject = 'refuse' }: SealOptions = {},
): Promise<Record<string, unknown>> => {
  let sealed = data;
  for (const { path, subject } of fields) {
    const clear = valueAt(sealed, path);
    if (!isClearValue(clear)) continue;
    sealed = withValueAt(sealed, path, await sealOne(keys, subject, clear, ofErasedSubject));
  }
  return sealed;
};

export interface SealOptions {
  /**
   * A clear value of an erased subject: `refuse` (new data: SubjectErasedError) or `erase` (legacy
   * data written before sealing, being published or migrated: it becomes ERASED).
   */
  ofErasedSubject?: 'refuse' | 'erase';
}

const sealOne = async (
  keys: Pick<PersonalDataKeyStore, 'keyFor'>,
  subject: string,
  clear: string,
  ofErasedSubject: 'refuse' | 'erase',
) => {
  try {
    return sealValue(await keys.keyFor(subject), subject, clear);
  } catch (error) {
    if (ofErasedSubject === 'erase' && error instanceof SubjectErasedError) return ERASED;
    throw error;
  }
};

/**
 * Every sealed value anywhere in these values opened: the clear value while its subject has a
 * key, ERASED once shredded. Values without envelopes (written before encryption: legacy
 * clear fields) come back as they are, the same objects. One key look-up for the whole batch.
 */
export const openPersonalData = async <T>(
  keys: Pick<PersonalDataKeyStore, 'findKeys'>,
  values: readonly T[],
): Promise<T[]> => {
  const subjects = new Set<string>();
  for (const value of values) collectSubjects(value, subjects);
  if (subjects.size === 0) return [...values];
  const found = await keys.findKeys([...subjects]);
  return values.map((value) => openWith(found, value));
};

/** The subjects whose envelopes occur in a value. */
export const collectSubjects = (value: unknown, into = new Set<string>()): Set<string> => {
  if (isSealedValue(value)) into.add(value.subject);
  else if (Array.isArray(value)) for (const item of value) collectSubjects(item, into);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) collectSubjects(item, into);
  return into;
};

/** Opens with keys already at hand (see openPersonalData); copies only what held an envelope. */
export const openWith = <T>(keys: ReadonlyMap<string, Buffer>, value: T): T => {
  if (isSealedValue(value)) return openOne(keys, value) as T;
  if (Array.isArray(value)) {
    const opened = value.map((item) => openWith(keys, item));
    return (opened.some((item, i) => item !== value[i]) ? opened : value) as T;
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    let copy: Record<string, unknown> | undefined;
    for (const [name, item] of Object.entries(value)) {
      const opened = openWith(keys, item);
      if (opened !== item) (copy ??= { ...(value as Record<string, unknown>) })[name] = opened;
    }
    return (copy ?? value) as T;
  }
  return value;
};

const openOne = (keys: ReadonlyMap<string, Buffer>, sealed: SealedValue) => {
  const key = keys.get(sealed.subject);
  return key ? openValue(key, sealed) : ERASED;
};

/** A personal value still in clear: a string that is neither sealed nor the mark of an erased one. */
export const isClearValue = (value: unknown): value is string =>
  typeof value === 'string' && value !== ERASED;

/** The value at a path of the data; undefined where the path leads nowhere. */
export const valueAt = (data: unknown, path: readonly (string | number)[]): unknown =>
  path.reduce<unknown>(
    (node, key) =>
      typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined,
    data,
  );

const withValueAt = <T>(node: T, path: readonly (string | number)[], value: unknown): T => {
  if (path.length === 0) return value as T;
  const [key, ...rest] = path;
  const child = withValueAt((node as Record<string | number, unknown>)[key], rest, value);
  if (Array.isArray(node)) return node.map((item, i) => (i === key ? child : item)) as T;
  return { ...(node as object), [key]: child } as T;
};
