import { en } from './en';
import { i18n } from './i18n';
import { nl } from './nl';

describe('the portal in Dutch and English', () => {
  it('has every text in both languages, with the same placeholders', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect({ key, placeholders: placeholders(nl[key]) }).toEqual({
        key,
        placeholders: placeholders(en[key]),
      });
    }
  });

  it('fills in placeholders', () => {
    expect(i18n('nl', 'Europe/Amsterdam').t('layout.signedInAs', { name: 'Anna' })).toBe(
      'Aangemeld als Anna',
    );
  });

  it("shows times in the organisation's time zone, across daylight saving", () => {
    const amsterdam = i18n('en', 'Europe/Amsterdam');
    expect(amsterdam.dateTime('2026-07-01T10:00:00Z')).toContain('12:00');
    expect(amsterdam.dateTime('2026-12-01T10:00:00Z')).toContain('11:00');
    expect(i18n('nl', 'America/New_York').dateTime('2026-12-01T10:00:00Z')).toContain('05:00');
  });
});
