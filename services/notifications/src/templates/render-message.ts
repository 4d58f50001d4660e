import Handlebars from 'handlebars';
import { type Language, LANGUAGES } from '../domain/recipients';
import type { TemplateData, TemplateId } from '../domain/notification';
import { type Labels, LABELS } from './labels';
import { type MessageTemplate, TEMPLATES, type TemplateSources } from './template-sources';

/** The desk's own details, the same in every message. */
export interface DeskDetails {
  name: string;
  /** Outages: customers are asked to phone as well. */
  hotline: string;
  portalUrl: string;
  /** For times in SLA messages; default Europe/Amsterdam. */
  timeZone?: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export type RenderMessage = <T extends TemplateId>(
  template: T,
  language: Language,
  data: TemplateData[T],
) => RenderedMessage;

type Compiled = (context: object) => string;

/**
 * Prepares every template once, so that a broken one shows at start-up rather than at the
 * first message that needs it. Text and subjects are not HTML-escaped: an ampersand in a
 * ticket's subject stays an ampersand there.
 */
export const createRenderer = (desk: DeskDetails, sources: TemplateSources = TEMPLATES): RenderMessage => {
  const timeZone = desk.timeZone ?? 'Europe/Amsterdam';
  const compile = (language: Language, source: string, escapeHtml: boolean): Compiled => {
    handlebars.parse(source); // compile() is lazy: parsing now makes a broken template fail at start-up
    const template = handlebars.compile(source, { noEscape: !escapeHtml });
    return (context) => template(context, { data: { language, timeZone } });
  };
  const compiled = mapLanguages((language) => {
    const { layout, ...messages } = sources[language];
    return {
      layout: { text: compile(language, layout.text, false), html: compile(language, layout.html, true) },
      messages: Object.fromEntries(
        Object.entries(messages).map(([id, { subject, text, html }]) => [
          id,
          {
            subject: compile(language, subject, false),
            text: compile(language, text, false),
            html: compile(language, html, true),
          },
        ]),
      ) as Record<TemplateId, Record<keyof MessageTemplate, Compiled>>,
    };
  });

  return (template, language, data) => {
    const { layout, messages } = compiled[language];
    const message = messages[template];
    const context = { ...data, desk };
    // A subject is a header: one line, and the reference first so that replies find their ticket
    // (the answer to a refused mail concerns none).
    const ticket = 'ticket' in data ? data.ticket : undefined;
    const subject = `${ticket ? `[${ticket.number}] ` : ''}${oneLine(message.subject(context))}`;
    return {
      subject,
      text: tidy(layout.text({ ...context, body: tidy(message.text(context)) })),
      html: layout.html({ ...context, subject, body: message.html(context) }),
    };
  };
};

const mapLanguages = <T>(map: (language: Language) => T) =>
  Object.fromEntries(LANGUAGES.map((language) => [language, map(language)])) as Record<Language, T>;

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

// Optional sections leave blank lines behind; a plain-text reader should not see them.
const tidy = (text: string) =>
  `${text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;

const handlebars = Handlebars.create();

type HelperOptions = { data: { language: Language; timeZone: string } };

handlebars.registerHelper('label', (group: keyof Labels, value: string, { data }: HelperOptions) => {
  const labels: Record<string, string> = LABELS[data.language][group];
  return labels[value] ?? value;
});

/** A calendar date (`2026-12-08`), the same everywhere. */
handlebars.registerHelper('date', (value: string, { data }: HelperOptions) =>
  new Intl.DateTimeFormat(data.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(value)),
);

/** A moment, in the desk's time zone with the zone named. */
handlebars.registerHelper('dateTime', (value: string, { data }: HelperOptions) =>
  new Intl.DateTimeFormat(data.language, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: data.timeZone,
    timeZoneName: 'short',
  }).format(new Date(value)),
);

/** HTML only: the customer's line breaks kept, everything else escaped. */
handlebars.registerHelper(
  'paragraphs',
  (value: string) =>
    new Handlebars.SafeString(Handlebars.escapeExpression(value).replace(/\r?\n/g, '<br>\n')),
);
