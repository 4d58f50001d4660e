import type { Scalar, View, ViewStore } from './view';
import { viewPages } from './view-pages';

const PAGE = 100;
/** A document the projection moves on while we rewrite it is read again; this often at most. */
const ATTEMPTS = 5;

export interface RewriteSelection {
  where: Record<string, Scalar | Scalar[]>;
  /** A field every selected document has, to page by (ties broken by id). */
  orderedBy: string;
}

/**
 * Changes every document of a selection in place, outside the projection: how a read model
 * forgets what a subscriber is told to forget (an erased person's address and the subject lines
 * of their mail). Each write is guarded by the document's revision, and a document the
 * projection moved on meanwhile is read and rewritten again. Paged by key, so it can run over any
 * number of documents; safe to repeat. Answers the documents as rewritten.
 */
export async function rewriteViews<V extends View>(
  views: ViewStore<V>,
  { where, orderedBy }: RewriteSelection,
  rewrite: (view: V) => V,
): Promise<V[]> {
  const rewritten: V[] = [];
  for await (const page of viewPages(views, { where, orderedBy, pageSize: PAGE }))
    for (const found of page) rewritten.push(await rewriteOne(views, found, rewrite));
  return rewritten;
}

async function rewriteOne<V extends View>(views: ViewStore<V>, found: V, rewrite: (view: V) => V) {
  let current: V | undefined = found;
  for (let attempt = 1; current; attempt++) {
    const next = { ...rewrite(current), id: current.id, revision: rewrittenRevision(current.revision) };
    if (await views.put(next, current.revision)) return next;
    if (attempt === ATTEMPTS) throw new Error(`${current.id} kept changing while it was rewritten`);
    current = await views.get(found.id);
  }
  return found;
}

/**
 * A rewritten document's revision moves halfway to its next event's (3 -> 3.5 -> 3.75): a writer
 * holding the copy from before (the projection runner's cache of the documents it wrote last) is
 * then refused by the guard and reads the rewritten one, instead of writing the old values back;
 * and the next event (4) is still above it, so it applies.
 */
export const rewrittenRevision = (revision: number) => {
  const event = Math.floor(revision);
  return event + (1 + (revision - event)) / 2;
};
