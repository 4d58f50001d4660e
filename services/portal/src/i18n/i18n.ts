import { en, type MessageKey } from './en';
import { nl } from './nl';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, nl };
const LOCALES: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL' };

export const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * Everything a page needs to speak the reader's language: texts from the catalog, and dates and
 * times in the organisation's time zone (not the server's, not the browser's), so that an agent
 * in Amsterdam and a customer read the same clock.
 */
export interface I18n {
  language: Language;
  t: Translate;
  dateTime(value: string | Date): string;
  date(value: string | Date): string;
}

export const i18n = (language: Language, timeZone: string): I18n => {
  const catalog = CATALOGS[language];
  const locale = LOCALES[language];
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  return {
    language,
    t: (key, params = {}) =>
      catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(params[name]) : whole,
      ),
    dateTime: (value) => dateTimeFormat.format(new Date(value)),
    date: (value) => dateFormat.format(new Date(value)),
  };
};
