import type { View, ViewQuery, ViewStore } from '@helpdesk/read-models';

const PAGE = 1000;

/** Every document a query matches, a page at a time (reports need them all, not one page). */
export const findAll = async <V extends View>(
  views: ViewStore<V>,
  query: Omit<ViewQuery, 'limit' | 'after'>,
): Promise<V[]> => {
  const all: V[] = [];
  for (;;) {
    const last = all.at(-1);
    const page = await views.find({
      ...query,
      limit: PAGE,
      ...(last && {
        after: { value: (last as unknown as Record<string, string>)[query.sort.field], id: last.id },
      }),
    });
    all.push(...page);
    if (page.length < PAGE) return all;
  }
};
