import { type ProjectedEvent, type Projection, withRevision } from './projection';
import type { View, ViewStore } from './view';

const MAX_WRITE_ATTEMPTS = 5;

/**
 * Applies one event to its document, once: skipped when the document's revision says it has
 * it, written only if nobody moved the document on meanwhile (then read again and decided anew).
 */
export const applyToView = async <V extends View>(
  projection: Projection<V>,
  views: ViewStore<V>,
  event: ProjectedEvent,
) => {
  const id = projection.documentId(event);
  if (id === undefined) return;
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
    const current = await views.get(id);
    if (current && event.revision <= current.revision) return;
    const next = { ...withRevision(projection.evolve(current, event), event), id };
    if (await views.put(next, current?.revision)) return;
  }
  throw new Error(`projection ${projection.name}: document ${id} kept changing under us`);
};
