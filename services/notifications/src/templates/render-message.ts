import Handlebars from 'handlebars';
import { type Language, LANGUAGES } from '../domain/recipients';
import { TEMPLATE_IDS, type TemplateData, type TemplateId } from '../domain/notification';
import { type Labels, LABELS } from './labels';

export const TEMPLATE_PARTS = ['subject', 'text', 'html'] as const;
export type TemplatePart = (typeof TEMPLATE_PARTS)[number];

/**
 * The template files' sources keyed `<language>/<name>.<part>`, e.g. `nl/ticket-updated.text`;
 * `<language>/layout.text` and `<language>/layout.html` wrap every body.
 */
export type TemplateSources = Readonly<Record<string, string>>;

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
 * Compiles every template once and checks that none is missing, so a gap shows at start-up,
 * not at the first message that needs it. Text and subjects are not HTML-escaped: an
 * ampersand in a ticket's subject stays an ampersand there.
 */
export const createRenderer = (sources: TemplateSources, desk: DeskDetails): RenderMessage => {
  const timeZone = desk.timeZone ?? 'Europe/Amsterdam';
  const compiled: Record<string, Compiled> = {};
  const compile = (key: string, part: TemplatePart) => {
    const source = sources[key];
    if (source === undefined) throw new Error(`Template ${key}.hbs is missing`);
    const template = handlebars.compile(source, { noEscape: part !== 'html' });
    compiled[key] = (context) => template(context, { data: { language: key.split('/')[0], timeZone } });
  };
  for (const language of LANGUAGES) {
    compile(`${language}/layout.text`, 'text');
    compile(`${language}/layout.html`, 'html');
    for (const id of TEMPLATE_IDS)
      for (const part of TEMPLATE_PARTS) compile(`${language}/${id}.${part}`, part);
  }
  const render = (key: string, context: object) => compiled[key](context);

  return (template, language, data) => {
    const context = { ...data, desk };
    const body = (part: TemplatePart) => render(`${language}/${template}.${part}`, context);
    // A subject is a header: one line, and the reference first so that replies find their ticket.
    const subject = `[${data.ticket.number}] ${oneLine(body('subject'))}`;
    return {
      subject,
      text: tidy(render(`${language}/layout.text`, { ...context, body: tidy(body('text')) })),
      html: render(`${language}/layout.html`, { ...context, subject, body: body('html') }),
    };
  };
};

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
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: data.timeZone,
    timeZoneName: 'short',
  } as Intl.DateTimeFormatOptions).format(new Date(value)),
);

/** HTML only: the customer's line breaks kept, everything else escaped. */
handlebars.registerHelper(
  'paragraphs',
  (value: string) =>
    new Handlebars.SafeString(Handlebars.escapeExpression(value).replace(/\r?\n/g, '<br>\n')),
);
