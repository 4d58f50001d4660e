import { isNews } from './news';

describe('news', () => {
  const now = Date.parse('2026-11-20T12:00:00.000Z');
  it('is an event younger than the limit; an older one is history', () => {
    expect(isNews('2026-11-20T11:59:00.000Z', 120000, now)).toBe(true);
    expect(isNews('2026-11-20T11:50:00.000Z', 120000, now)).toBe(false);
  });
});
