import type { Scalar, View, ViewStore } from './view';

export interface PagedSelection {
  where: Record<string, Scalar | Scalar[]>;
  /** A field every selected document has, to page by (ties broken by id). */
  orderedBy: string;
  pageSize: number;
}

/**
 * Every document of a selection, a page at a time, paged by key (not by offset): documents
 * written meanwhile neither shift a page nor are read twice, so it runs over any number of them.
 */
export async function* viewPages<V extends View>(
  views: ViewStore<V>,
  { where, orderedBy, pageSize }: PagedSelection,
): AsyncGenerator<V[]> {
  let after: { value: Scalar; id: string } | undefined;
  for (;;) {
    const page = await views.find({
      where,
      sort: { field: orderedBy, direction: 'asc' },
      ...(after ? { after } : {}),
      limit: pageSize,
    });
    if (page.length) yield page;
    const last = page.at(-1);
    if (page.length < pageSize || !last) return;
    after = { value: (last as unknown as Record<string, Scalar>)[orderedBy], id: last.id };
  }
}
