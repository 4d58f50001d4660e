import { compactJson } from '@helpdesk/event-store';
import type { View } from '../view';

export type Stored = Record<string, unknown> & { _id: string };

/** The field that holds a stored view's whole JSON text. */
const TEXT = '_view';

/**
 * How a view is kept in a MongoDB-wire collection: its JSON text in one string field, which is
 * what is read back, beside copies of its top-level scalars and lists of scalars, which are there
 * only for filters, sorts and indexes (MongoDB matches a scalar inside a list, so membership
 * queries keep working). FerretDB 1.24 spends its time converting each value of a document
 * between BSON, its own types and PostgreSQL's JSONB: a ticket of ten comments is a hundred
 * values as a tree and about twenty this way (about 3x the inserts/s, and a read of 60 tickets in
 * a third of the time, on the local FerretDB). Nested objects and lists of objects are in the
 * text only: no query reads inside them.
 */
export const toStored = <V extends View>(view: V): Stored => {
  const { id, ...rest } = view;
  const stored: Stored = { _id: id };
  for (const [field, value] of Object.entries(rest)) if (queryable(value)) stored[field] = value;
  stored[TEXT] = compactJson(rest);
  return stored;
};

/** A stored document as its view; one written before views were kept as text is read as it is. */
export const toView = <V extends View>(stored: Stored): V => {
  const text = stored[TEXT];
  if (typeof text === 'string') return { id: stored._id, ...(JSON.parse(text) as object) } as V;
  const { _id, ...rest } = stored;
  return { id: _id, ...rest } as unknown as V;
};

/** The stored document without its `_id`: what a replace writes. */
export const storedReplacement = <V extends View>(view: V) => {
  const { _id, ...replacement } = toStored(view);
  void _id;
  return replacement;
};

const scalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

const queryable = (value: unknown) =>
  scalar(value) || (Array.isArray(value) && value.every((item) => scalar(item)));
