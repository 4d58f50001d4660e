import { derivedEventId } from './derived-event-id';

describe('derivedEventId', () => {
  it('is a version 5 UUID, the same for the same parts', () => {
    const id = derivedEventId('event-1', 'ticket-1', '0');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedEventId('event-1', 'ticket-1', '0')).toBe(id);
  });

  it('differs when any part differs, and parts do not run into each other', () => {
    const ids = [
      derivedEventId('event-1', 'ticket-1', '0'),
      derivedEventId('event-1', 'ticket-1', '1'),
      derivedEventId('event-1', 'ticket-2', '0'),
      derivedEventId('event-2', 'ticket-1', '0'),
      derivedEventId('event-1ticket-1', '0'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });
});
