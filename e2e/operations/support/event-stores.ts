import { createPostgresEventStore, type StoredEvent } from '@helpdesk/event-store';

/** Every event of a service's store (its PostgreSQL database), in the order of the global log. */
export const allEvents = async (pgUrl: string): Promise<StoredEvent[]> => {
  const store = await createPostgresEventStore(pgUrl);
  try {
    const events: StoredEvent[] = [];
    for (;;) {
      const page = await store.readAll({ fromPosition: events.at(-1)?.position, limit: 1000 });
      if (page.length === 0) return events;
      events.push(...page);
    }
  } finally {
    await store.close();
  }
};

/** Keys seen more than once: what must happen once (a warning, a breach, a train) happened twice. */
export const twice = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([k, n]) => `${k} x${n}`);
};
